"""Validity is derived from the dates and from replacing documents, never stored."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from documents.models import Document, Validity
from tests.documents.factories import DocumentFactory

pytestmark = pytest.mark.django_db
TODAY = date(2020, 6, 15)


def validity(document, today=TODAY):
    """The annotation and the property must agree; return the value."""
    annotated = Document.objects.with_validity(today).get(pk=document.pk).validity
    assert document.validity_on(today) == annotated
    return annotated


@pytest.mark.parametrize(
    ("issued", "effective", "expires", "expected"),
    [
        (date(2020, 6, 1), None, None, Validity.IN_EFFECT),
        (date(2020, 6, 15), None, None, Validity.IN_EFFECT),  # in effect on the day issued
        (date(2020, 6, 16), None, None, Validity.NOT_YET),
        (date(2020, 6, 1), date(2020, 7, 1), None, Validity.NOT_YET),
        (date(2020, 6, 1), date(2020, 6, 15), None, Validity.IN_EFFECT),
        (date(2020, 1, 1), None, date(2020, 6, 15), Validity.EXPIRED),  # ends that morning
        (date(2020, 1, 1), None, date(2020, 6, 16), Validity.IN_EFFECT),
        (date(2019, 1, 1), date(2019, 2, 1), date(2020, 1, 1), Validity.EXPIRED),
        (date(2020, 6, 1), date(2020, 7, 1), date(2021, 1, 1), Validity.NOT_YET),
    ],
)
def test_validity_follows_the_dates(issued, effective, expires, expected):
    document = DocumentFactory(issued_on=issued, effective_on=effective, expires_on=expires)
    assert validity(document) == expected


def test_a_document_is_replaced_once_its_published_replacement_takes_effect():
    old = DocumentFactory(issued_on=date(2018, 1, 1), expires_on=date(2030, 1, 1))
    new = DocumentFactory(issued_on=date(2020, 5, 1), effective_on=date(2020, 7, 1))
    new.replaces.add(old)

    assert validity(old) == Validity.IN_EFFECT  # the replacement is not in effect yet
    assert validity(old, date(2020, 7, 1)) == Validity.REPLACED
    assert old.replacing_documents(date(2020, 7, 1)) == [new]
    assert list(old.replaced_by.all()) == [new]
    assert list(new.replaces.all()) == [old]
    # Replacement says which: the new one itself is in effect.
    assert validity(new, date(2020, 7, 1)) == Validity.IN_EFFECT


def test_a_draft_replacement_does_not_replace():
    old = DocumentFactory(issued_on=date(2018, 1, 1))
    draft = DocumentFactory(issued_on=date(2020, 1, 1), status=Document.Status.DRAFT)
    draft.replaces.add(old)
    assert validity(old) == Validity.IN_EFFECT


def test_replaced_wins_over_expired():
    old = DocumentFactory(issued_on=date(2018, 1, 1), expires_on=date(2019, 1, 1))
    DocumentFactory(issued_on=date(2018, 12, 1)).replaces.add(old)
    assert validity(old) == Validity.REPLACED


def test_filtering_by_validity_uses_the_annotation():
    in_effect = DocumentFactory(issued_on=date(2020, 1, 1))
    expired = DocumentFactory(issued_on=date(2019, 1, 1), expires_on=date(2020, 1, 1))
    assert list(Document.objects.with_validity(TODAY).filter(validity="expired")) == [expired]
    assert list(Document.objects.with_validity(TODAY).filter(validity="in_effect")) == [in_effect]


def test_dates_out_of_order_are_refused():
    document = DocumentFactory.build(
        issued_on=date(2020, 1, 1), effective_on=date(2019, 12, 1), doc_type=None, issuer=None
    )
    with pytest.raises(ValidationError) as error:
        document.clean()
    assert "effective_on" in error.value.message_dict
    document = DocumentFactory.build(issued_on=date(2020, 1, 1), expires_on=date(2020, 1, 1))
    with pytest.raises(ValidationError) as error:
        document.clean()
    assert "expires_on" in error.value.message_dict


def test_the_number_is_unique_per_issuer_only():
    from django.db import IntegrityError, transaction

    from tests.documents.factories import IssuerFactory

    DocumentFactory(number="12/KH-UBND")
    DocumentFactory(number="12/KH-UBND", issuer=IssuerFactory(name="Sở Nội vụ"))
    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentFactory(number="12/KH-UBND")

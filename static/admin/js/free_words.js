'use strict';
// Tags: Django's autocomplete (select2) that also keeps words not yet known. A new word is
// sent as "new:<word>" (core.forms.FreeWordsField), so a number typed as a tag is never
// taken for the id of another tag.
{
    const $ = django.jQuery;

    function setUp(element) {
        $(element).select2({
            tags: true,
            tokenSeparators: [','],
            createTag: (params) => {
                const word = (params.term || '').trim();
                return word ? {id: 'new:' + word, text: word} : null;
            },
            ajax: {
                data: (params) => ({
                    term: params.term,
                    page: params.page,
                    app_label: element.dataset.appLabel,
                    model_name: element.dataset.modelName,
                    field_name: element.dataset.fieldName
                })
            }
        });
    }

    $(function() {
        $('.admin-free-words').not('[name*=__prefix__]').each((index, element) => setUp(element));
    });
}

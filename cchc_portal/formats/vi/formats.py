"""Vietnamese date input: day before month.

Django's Vietnamese locale defines no input formats, so the admin read "01/05/2030" the
American way, as 5 January: a publisher scheduling an article for 1 May would have
scheduled it four months early. The first format is also what the admin's calendar writes.
Everything not named here comes from Django's own Vietnamese formats.
"""

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d-%m-%Y %H:%M:%S",
    "%d-%m-%Y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
]

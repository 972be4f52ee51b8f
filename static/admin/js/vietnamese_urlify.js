/*
 * Django's URLify (used by the admin's prepopulated slug fields) drops Vietnamese letters
 * with diacritics and turns "đ" into "dj". Strip the marks first, as the server does
 * (core.text.vietnamese_slugify), so the slug the editor sees is the one the server would make.
 */
(function () {
    "use strict";
    const urlify = window.URLify;
    if (typeof urlify !== "function") {
        return;
    }
    window.URLify = function (text, numChars, allowUnicode) {
        const ascii = text
            .replace(/đ/g, "d")
            .replace(/Đ/g, "D")
            .normalize("NFKD")
            .replace(/[\u0300-\u036f]/g, "");
        return urlify(ascii, numChars, allowUnicode);
    };
})();

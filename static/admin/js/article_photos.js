/* Each photo row of the article form shows its thumbnail: saved photos have one from the server
   (ArticleImageInline.preview); a photo just chosen shows here before the form is saved. */
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("#images-group input[type=file]")) { return; }
    var row = input.closest("tr");
    var cell = row && row.querySelector(".field-preview");
    if (!cell || !input.files || !input.files[0] || !window.URL) { return; }
    var image = document.createElement("img");
    image.src = window.URL.createObjectURL(input.files[0]);
    image.alt = "";
    image.className = "photo-preview";
    var holder = cell.querySelector("p") || cell;
    holder.replaceChildren(image);
  });
})();

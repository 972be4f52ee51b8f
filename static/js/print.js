// "In bài": show the print button (it needs JavaScript) and open the browser's print dialog.
// A file of its own: the Content-Security-Policy allows no inline script.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () {
    window.print();
  });
});

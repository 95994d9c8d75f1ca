// While a comment is typed, warn if it looks like it holds an A-number, a phone number or an email address. The
// server checks again when it is posted (Haven.Core.Comments.PersonalDataDetector); this only says it sooner.
(function () {
  "use strict";
  var caseNumber = /(^|[^\p{L}\d])A\s*[#\-.:]?\s*(?:\d[\s\-]?){7,8}\d(?!\d)/iu;
  var phone = /(^|[^\w+])(?:\+\d{1,3}[\s.\-]?(?:\(\d{1,4}\)[\s.\-]?)?\d{1,4}(?:[\s.\-]?\d{2,4}){1,4}|(?:1[\s.\-])?(?:\(\d{3}\)\s?|\d{3}[\s.\-])\d{3}[\s.\-]\d{4})(?!\w)/;
  var email = /[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}/;
  function setUp(box) {
    var out = document.getElementById(box.getAttribute("data-warning-target"));
    if (!out) return;
    var timer = 0;
    function check() {
      var text = box.value;
      var found = [];
      if (caseNumber.test(text)) found.push(box.getAttribute("data-warn-case"));
      if (phone.test(text.replace(caseNumber, " "))) found.push(box.getAttribute("data-warn-phone"));
      if (email.test(text)) found.push(box.getAttribute("data-warn-email"));
      out.textContent = found.join(" ");
      out.hidden = found.length === 0;
    }
    box.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(check, 400); });
    check();
  }
  document.querySelectorAll("textarea[data-warning-target]").forEach(setUp);
})();

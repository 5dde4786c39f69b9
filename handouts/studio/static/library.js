// The pose library page: filters the poses as you type or choose, and copies a step's YAML.
// The names are folded as handouts/studio/library_view.py folds them (accents dropped, lower case,
// anything but letters and digits a space), so "bhujangasana" finds "Bhujaṅgāsana".
(function () {
  "use strict";

  function fold(text) {
    return text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\u0900-\u097f]+/gu, " ")
      .trim();
  }

  function matches(query, names) {
    var words = fold(query).split(" ").filter(Boolean);
    if (!words.length) return true;
    var all = words.every(function (word) { return names.indexOf(word) !== -1; });
    return all || names.replace(/ /g, "").indexOf(words.join("")) !== -1;
  }

  var search = document.getElementById("search");
  var position = document.getElementById("position");
  var prop = document.getElementById("prop");
  var poses = Array.prototype.slice.call(document.querySelectorAll("article.pose"));

  function filter() {
    var q = search.value, where = position.value, what = prop.value, count = 0;
    poses.forEach(function (pose) {
      var on = matches(q, pose.dataset.names || "") &&
        (!where || pose.dataset.position === where) &&
        (!what || (pose.dataset.props || "").split("|").indexOf(what) !== -1);
      pose.hidden = !on;
      if (on) count += 1;
    });
    document.getElementById("shown").textContent = String(count);
    document.getElementById("nothing").hidden = count > 0;
    var params = new URLSearchParams();
    if (q) params.set("q", q);
    if (where) params.set("position", where);
    if (what) params.set("prop", what);
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
  }

  if (search && position && prop) {
    search.addEventListener("input", filter);
    position.addEventListener("change", filter);
    prop.addEventListener("change", filter);
    document.getElementById("find").addEventListener("submit", function (event) {
      event.preventDefault();
      filter();
    });
  }

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  Array.prototype.forEach.call(document.querySelectorAll("button.copy"), function (button) {
    var pre = document.getElementById(button.dataset.copy);
    var said = button.parentNode.querySelector(".copied");
    button.hidden = false;
    button.addEventListener("click", function () {
      function tell(text) {
        said.textContent = text;
        setTimeout(function () { said.textContent = ""; }, 4000);
      }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(pre.textContent).then(
          function () { tell("Copied: paste it under steps: in your sequence."); },
          function () { selectText(pre); tell("Selected: press Ctrl+C (or ⌘C) to copy it."); }
        );
      } else {
        selectText(pre);
        tell("Selected: press Ctrl+C (or ⌘C) to copy it.");
      }
    });
  });
})();

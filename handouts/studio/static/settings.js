// The settings and clients pages: their forms saved without leaving the page (each write carries the page's
// token, as the studio asks of every write), a warning before leaving the settings with changes not saved, the
// logo sent into the pictures folder, a client's PDFs made, and the e-mail run followed with a progress bar.
// What the pages say back is a message: "done" in green, "error" in the error style, in a live region so screen
// readers hear it. Written for the studio; no libraries needed.
(function () {
  "use strict";

  const page = document.body.dataset.page;
  if (page !== "settings" && page !== "clients") return;
  const token = document.querySelector('meta[name="csrf-token"]').getAttribute("content");

  function post(address, body, type) {
    const headers = { "X-CSRF-Token": token };
    if (type) headers["Content-Type"] = type;
    return fetch(address, { method: "POST", headers: headers, body: body, credentials: "same-origin" })
      .then(function (answer) {
        return answer.json().catch(function () {
          return { ok: false, error: "The studio answered " + answer.status + ": " + answer.statusText };
        }).then(function (json) { json.status = answer.status; return json; });
      }, function () {
        return { ok: false, error: "The studio did not answer: is it still running?" };
      });
  }

  function paragraph(text, className) {
    const p = document.createElement("p");
    p.className = className;
    p.textContent = text;
    return p;
  }

  // a message in the page's words: kind "done", "error" or "busy"
  function message(text, kind, more) {
    return paragraph(text, "message " + kind + (more ? " " + more : ""));
  }

  function reloadButton() {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = "Reload the page";
    button.addEventListener("click", function () { window.location.reload(); });
    return button;
  }

  // -- forms that save a file (settings, a client added, changed or removed)

  function show(where, answer, savedWords) {
    where.replaceChildren();
    where.classList.remove("saved", "refused");
    if (answer.ok) {
      where.classList.add("saved");
      where.append(message(savedWords, "done", "saved"));
    } else if (answer.conflict) {
      where.classList.add("refused");
      where.append(message(answer.message, "error", "conflict"), reloadButton());
      if (answer.both) {
        const details = document.createElement("details");
        details.className = "both";
        const summary = document.createElement("summary");
        summary.textContent = "Show both versions";
        const pre = document.createElement("pre");
        pre.textContent = answer.both;
        details.append(summary, pre);
        where.append(details);
      }
    } else if (answer.problems) {
      where.classList.add("refused");
      where.innerHTML = answer.problems; // the studio's own HTML, its values escaped
    } else {
      where.classList.add("refused");
      where.append(message(answer.error || "Nothing was saved.", "error", "conflict"));
    }
  }

  for (const form of document.querySelectorAll("form[data-save]")) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) return;
      const where = form.querySelector(".answer");
      const button = form.querySelector('button[type="submit"]');
      if (button) button.disabled = true;
      where.replaceChildren(message("Saving …", "busy"));
      const body = new URLSearchParams(new FormData(form));
      post(form.action, body, "application/x-www-form-urlencoded").then(function (answer) {
        if (button) button.disabled = false;
        if (answer.ok && form.dataset.save !== "settings") {
          const address = new URL(window.location.href);
          address.searchParams.set("saved", form.dataset.saved || "Saved.");
          window.location.assign(address.pathname + address.search);
          return;
        }
        if (answer.ok && answer.digest) {
          for (const digest of document.querySelectorAll('input[name="digest"]')) digest.value = answer.digest;
        }
        if (answer.ok && form.dataset.save === "settings") unsaved = false;
        show(where, answer, answer.unchanged ? "Nothing to save: no setting was changed." : "Saved.");
      });
    });
  }

  // -- the settings: saved on "Save settings" only, so leaving the page with changes not saved asks first

  let unsaved = false;
  const settingsForm = document.getElementById("settings");
  if (settingsForm) {
    settingsForm.addEventListener("input", function () { unsaved = true; });
    settingsForm.addEventListener("change", function () { unsaved = true; });
    window.addEventListener("beforeunload", function (event) {
      if (!unsaved) return;
      event.preventDefault();
      event.returnValue = ""; // older browsers ask for this to show their "leave the page?" question
    });
    const usual = document.getElementById("accent-default");
    if (usual) {
      usual.querySelector(".swatch").style.background = usual.dataset.colour; // set here: the page allows no inline style
      usual.addEventListener("click", function () {
        const accent = document.getElementById("accent");
        if (accent.value !== usual.dataset.colour) {
          accent.value = usual.dataset.colour;
          unsaved = true;
        }
      });
    }
  }

  // -- the logo: copied into the pictures folder as soon as it is chosen; used once the settings are saved

  const logoFile = document.getElementById("logo-file");
  if (logoFile) {
    logoFile.addEventListener("change", function () {
      const file = logoFile.files[0];
      const said = document.getElementById("logo-said");
      if (!file) return;
      said.replaceChildren(message("Adding " + file.name + " to your pictures folder …", "busy"));
      post("/pictures?name=" + encodeURIComponent(file.name), file, "application/octet-stream").then(
        function (answer) {
          if (answer.name) {
            document.getElementById("logo").value = answer.name;
            const preview = document.getElementById("logo-preview");
            preview.src = answer.href + "?v=" + Date.now();
            preview.hidden = false;
            unsaved = true;
            said.replaceChildren(message("Added to your pictures folder as " + answer.name +
              ". Press Save settings to use it.", "done"));
          } else {
            said.replaceChildren(message((answer.error || "The picture was not taken.") +
              (answer.hint ? ": " + answer.hint : ""), "error"));
          }
          logoFile.value = "";
        });
    });
  }

  // -- a client's form: the steps offered are those of the sequences chosen

  function showSteps(form) {
    const chosen = new Set();
    for (const box of form.querySelectorAll('input[name="handouts"]:checked')) chosen.add(box.dataset.sequence);
    for (const group of form.querySelectorAll("fieldset.steps [data-sequence]")) {
      group.hidden = !chosen.has(group.dataset.sequence);
      if (group.hidden) for (const box of group.querySelectorAll("input")) box.checked = false;
    }
    for (const none of form.querySelectorAll("fieldset.steps .none")) none.hidden = chosen.size > 0;
  }
  for (const form of document.querySelectorAll("form.client-form")) {
    showSteps(form);
    for (const box of form.querySelectorAll('input[name="handouts"]')) {
      box.addEventListener("change", function () { showSteps(form); });
    }
  }

  // -- a client's PDFs, made on the button

  for (const button of document.querySelectorAll("button[data-make]")) {
    button.addEventListener("click", function () {
      const where = document.getElementById(button.getAttribute("aria-controls"));
      button.disabled = true;
      where.replaceChildren(message("Making the PDFs …", "busy"));
      post(button.dataset.make, "", null).then(function (answer) {
        button.disabled = false;
        where.replaceChildren();
        if (answer.links) {
          // the row's own list of PDFs, made afresh: one link to each PDF, never a second list
          const list = document.getElementById(button.dataset.links);
          list.replaceChildren();
          for (const link of answer.links) {
            const a = document.createElement("a");
            a.href = link.href;
            a.className = "pdf made-pdf";
            a.textContent = link.label;
            const item = document.createElement("li");
            item.append(a);
            list.append(item);
          }
          where.append(message(answer.message || "The PDFs are ready.", "done"));
        } else if (answer.problems) {
          where.innerHTML = answer.problems; // the studio's own HTML, its values escaped
        } else {
          where.append(message(answer.error || "The PDFs could not be made.", "error"));
        }
      });
    });
  }

  // -- e-mail: drafts or sending, followed until done

  const mail = document.getElementById("mail");
  if (mail) {
    const bar = document.getElementById("mail-progress");
    const words = document.getElementById("mail-words");
    const problems = document.getElementById("mail-problems");

    function say(text, kind, detail) {
      words.replaceChildren(message(text, kind));
      if (detail) words.append(paragraph(detail, "details"));
    }

    function follow(state) {
      problems.replaceChildren();
      if (state.stage === "making") {
        bar.hidden = false;
        bar.max = Math.max(1, state.to_make);
        bar.value = state.made;
        say("Making the PDFs: " + state.made + " of " + state.to_make, "busy");
      } else if (state.stage === "sending") {
        bar.hidden = false;
        bar.max = Math.max(1, state.to_send);
        bar.value = state.sent;
        say(state.sent + " of " + state.to_send + " sent", "busy");
      } else if (state.stage === "done") {
        bar.max = 1;
        bar.value = 1;
        say(state.message, "done", state.detail);
      } else if (state.stage === "failed") {
        bar.hidden = true;
        say(state.message + (state.hint ? " " + state.hint : ""), "error");
        for (const line of state.problems) problems.append(message(line, "error", "problem"));
      }
      for (const button of mail.querySelectorAll("button[data-mail]")) {
        button.disabled = state.running || "cannot" in button.dataset; // a Send that cannot work stays off
      }
      if (state.running) {
        window.setTimeout(function () {
          fetch("/clients/mail/progress", { cache: "no-store" }).then(function (answer) { return answer.json(); })
            .then(follow, function () { window.setTimeout(function () { follow(state); }, 1000); });
        }, 400);
      }
    }

    for (const button of mail.querySelectorAll("button[data-mail]")) {
      button.addEventListener("click", function () {
        if (button.dataset.confirm && !window.confirm(button.dataset.confirm)) return;
        post("/clients/mail/" + button.dataset.mail, "", null).then(function (state) {
          if (state.stage && (state.running || !state.error)) follow(state); // one going already: follow it
          else say(state.error || "The studio did not start it.", "error");
        });
      });
    }
    fetch("/clients/mail/progress", { cache: "no-store" }).then(function (answer) { return answer.json(); })
      .then(function (state) { if (state.stage !== "idle") follow(state); });
  }
})();

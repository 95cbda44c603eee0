// Live log of a running execution (server-sent events), and confirmations for destructive forms.
// htmx requests carry the CSRF token of the page, as forms do.
document.addEventListener("htmx:configRequest", event => {
  const header = document.querySelector("meta[name=csrf-header]");
  const token = document.querySelector("meta[name=csrf-token]");
  if (header && token && header.content) {
    event.detail.headers[header.content] = token.content;
  }
});

// the installed app: pages to read offline, and the client level of the cache
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/sw.js", {scope: "/"});
}

document.addEventListener("DOMContentLoaded", () => {
  // signing out forgets the pages kept on this device for this person
  document.querySelectorAll("form[action$='/logout']").forEach(form => {
    form.addEventListener("submit", () => {
      if (navigator.serviceWorker && navigator.serviceWorker.controller) {
        navigator.serviceWorker.controller.postMessage("forget");
      }
    });
  });
  // an editor with an error puts the caret on the error's line
  const editor = document.querySelector("textarea[data-error-line]");
  if (editor) {
    const lines = editor.value.split("\n");
    const line = Math.min(Number(editor.dataset.errorLine), lines.length) - 1;
    const start = lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0);
    editor.focus();
    editor.setSelectionRange(start, start + lines[line].length);
  }
  const log = document.querySelector("[data-log-stream]");
  if (log) {
    const source = new EventSource(log.dataset.logStream);
    let seen = log.textContent.split("\n").filter(l => l.trim()).length;
    let count = 0;
    source.addEventListener("log", event => {
      count++;
      if (count > seen) {
        log.textContent += event.data + "\n";
        log.scrollTop = log.scrollHeight;
      }
    });
    source.addEventListener("end", () => {
      source.close();
      window.location.reload();
    });
  }
  document.querySelectorAll("form[data-confirm]").forEach(form => {
    form.addEventListener("submit", event => {
      if (!window.confirm(form.dataset.confirm)) {
        event.preventDefault();
      }
    });
  });
});

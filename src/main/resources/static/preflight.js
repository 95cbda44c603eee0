// Live log of a running execution (server-sent events), and confirmations for destructive forms.
// htmx requests carry the CSRF token of the page, as forms do.
document.addEventListener("htmx:configRequest", event => {
  const header = document.querySelector("meta[name=csrf-header]");
  const token = document.querySelector("meta[name=csrf-token]");
  if (header && token && header.content) {
    event.detail.headers[header.content] = token.content;
  }
});

document.addEventListener("DOMContentLoaded", () => {
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

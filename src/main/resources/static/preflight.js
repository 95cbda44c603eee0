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
  // signing out forgets the pages kept on this device for this person, and its notifications
  document.querySelectorAll("form[action$='/logout']").forEach(form => {
    form.addEventListener("submit", event => {
      if (navigator.serviceWorker && navigator.serviceWorker.controller) {
        navigator.serviceWorker.controller.postMessage("forget");
      }
      if (form.dataset.pushForgotten || !("PushManager" in window) || !navigator.serviceWorker) {
        return;
      }
      event.preventDefault();
      const signOut = () => { form.dataset.pushForgotten = "yes"; form.submit(); };
      setTimeout(signOut, 2000); // signing out never waits on the push service for long
      forgetPush().finally(signOut);
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
  const pushDevice = document.getElementById("push-device");
  if (pushDevice) {
    const button = document.getElementById("push-enable");
    button.addEventListener("click", () => {
      button.disabled = true; // one registration at a time
      enablePush(pushDevice).finally(() => { button.disabled = false; });
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

function csrfHeaders() {
  const header = document.querySelector("meta[name=csrf-header]");
  const token = document.querySelector("meta[name=csrf-token]");
  const headers = {"Content-Type": "application/json"};
  if (header && token && header.content) {
    headers[header.content] = token.content;
  }
  return headers;
}

// This browser's subscription stops receiving the person's messages once they sign out here.
async function forgetPush() {
  const registration = await navigator.serviceWorker.getRegistration();
  const subscription = registration && await registration.pushManager.getSubscription();
  if (!subscription) {
    return;
  }
  await fetch("/account/notifications/devices/forget", {method: "POST", headers: csrfHeaders(),
    body: JSON.stringify({endpoint: subscription.endpoint})}).catch(() => {});
  await subscription.unsubscribe().catch(() => {});
}

// Notifications on this device: the browser asks for permission only after the person's tap (as
// iOS requires), subscribes with the server's key, and the server keeps the subscription.
async function enablePush(device) {
  const state = document.getElementById("push-state");
  const say = text => { state.textContent = text; };
  if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) {
    say("This browser cannot receive push messages here. On an iPhone or iPad, add Preflight to the Home Screen and open it from there.");
    return;
  }
  const permission = await Notification.requestPermission();
  if (permission !== "granted") {
    say("Notifications are blocked for Preflight in this browser: allow them in its site settings, then try again.");
    return;
  }
  try {
    const registration = await navigator.serviceWorker.ready;
    const key = Uint8Array.from(atob(device.dataset.pushKey.replace(/-/g, "+").replace(/_/g, "/")), c => c.charCodeAt(0));
    let subscription = await registration.pushManager.getSubscription();
    if (subscription && subscription.options && subscription.options.applicationServerKey) {
      const current = new Uint8Array(subscription.options.applicationServerKey);
      if (current.length !== key.length || current.some((b, i) => b !== key[i])) {
        await subscription.unsubscribe(); // made with another server key: it would be refused
        subscription = null;
      }
    }
    if (!subscription) {
      subscription = await registration.pushManager.subscribe({userVisibleOnly: true, applicationServerKey: key});
    }
    const answer = await fetch(device.dataset.pushRegister,
      {method: "POST", headers: csrfHeaders(), body: JSON.stringify(subscription.toJSON())});
    if (answer.ok) {
      window.location.reload();
    } else {
      const problem = await answer.json().catch(() => ({}));
      say("Not turned on: " + (problem.detail || answer.status));
    }
  } catch (failed) {
    say("Not turned on: " + failed.message);
  }
}

/*
 * NYC assistant — partner web chat. Paste one tag into a page:
 *
 *   <script src="https://ASSISTANT/webhooks/partner/embed.js" async
 *           data-partner="your-id" data-language="es" data-color="#1d4f91" data-position="right"></script>
 *
 * No dependencies: it speaks Socket.IO (protocol 5, Engine.IO 4) over a plain WebSocket, the same
 * protocol as the rasa-webchat widget. Keyboard and screen-reader accessible; right-to-left for
 * Arabic and Urdu. Replies are always shown as text, never as HTML.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.dataset.partner) { return; }
  var base = new URL(script.src, window.location.href);
  var partner = script.dataset.partner;
  var language = script.dataset.language || "";
  var color = /^#[0-9a-fA-F]{3,8}$/.test(script.dataset.color || "") ? script.dataset.color : "#1d4f91";
  var side = script.dataset.position === "left" ? "left" : "right";
  var rtl = language === "ar" || language === "ur";
  var labels = {
    en: ["Chat with NYC", "Your message", "Send", "Close chat", "Not available right now."],
    es: ["Chatee con NYC", "Su mensaje", "Enviar", "Cerrar chat", "No disponible en este momento."],
    zh: ["与纽约市聊天", "您的信息", "发送", "关闭聊天", "目前无法使用。"],
    ru: ["Чат с Нью-Йорком", "Ваше сообщение", "Отправить", "Закрыть чат", "Сейчас недоступно."],
    bn: ["NYC-এর সাথে চ্যাট", "আপনার বার্তা", "পাঠান", "চ্যাট বন্ধ করুন", "এখন পাওয়া যাচ্ছে না।"],
    ht: ["Chat ak NYC", "Mesaj ou", "Voye", "Fèmen chat la", "Pa disponib kounye a."],
    ko: ["뉴욕시와 채팅", "메시지", "보내기", "채팅 닫기", "지금은 사용할 수 없습니다."],
    ar: ["تحدث مع مدينة نيويورك", "رسالتك", "إرسال", "إغلاق المحادثة", "غير متاح الآن."],
    ur: ["نیویارک شہر سے چیٹ کریں", "آپ کا پیغام", "بھیجیں", "چیٹ بند کریں", "ابھی دستیاب نہیں۔"],
    fr: ["Discuter avec NYC", "Votre message", "Envoyer", "Fermer la discussion", "Indisponible pour le moment."],
    pl: ["Czat z NYC", "Twoja wiadomość", "Wyślij", "Zamknij czat", "Obecnie niedostępne."]
  }[language] || ["Chat with NYC", "Your message", "Send", "Close chat", "Not available right now."];

  var host = document.createElement("div");
  host.setAttribute("data-citybot", partner);
  var root = host.attachShadow({ mode: "open" });
  root.innerHTML =
    "<style>" +
    ":host{all:initial}" +
    ".launcher{position:fixed;bottom:20px;" + side + ":20px;z-index:2147483000;background:" + color + ";color:#fff;" +
    "border:0;border-radius:24px;padding:12px 18px;font:16px system-ui,sans-serif;cursor:pointer;box-shadow:0 2px 8px #0004}" +
    ".panel{position:fixed;bottom:80px;" + side + ":20px;z-index:2147483000;width:min(360px,calc(100vw - 40px));" +
    "height:min(520px,calc(100vh - 120px));display:flex;flex-direction:column;background:#fff;border-radius:12px;" +
    "box-shadow:0 4px 24px #0005;font:15px/1.45 system-ui,'Noto Sans','Noto Sans Arabic','Noto Sans Bengali',sans-serif;color:#111}" +
    ".panel[hidden]{display:none}" +
    "header{display:flex;justify-content:space-between;align-items:center;background:" + color + ";color:#fff;" +
    "padding:10px 14px;border-radius:12px 12px 0 0}" +
    "header h2{font-size:16px;margin:0}header button{background:none;border:0;color:#fff;font-size:20px;cursor:pointer}" +
    ".log{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:8px}" +
    ".msg{max-width:85%;padding:8px 12px;border-radius:12px;white-space:pre-wrap;overflow-wrap:anywhere}" +
    ".user{align-self:flex-end;background:" + color + ";color:#fff}.bot{align-self:flex-start;background:#f1f3f6}" +
    ".notice{align-self:center;color:#7a1c12;font-size:13px}" +
    ".choices{display:flex;flex-wrap:wrap;gap:6px;margin-top:6px}" +
    ".choices button{border:1px solid " + color + ";background:#fff;color:" + color + ";border-radius:14px;padding:4px 10px;font:inherit;cursor:pointer}" +
    "form{display:flex;gap:6px;padding:10px;border-top:1px solid #ddd}" +
    "input{flex:1;font:inherit;padding:8px;border:1px solid #888;border-radius:8px}" +
    "form button{font:inherit;padding:8px 12px;border:0;border-radius:8px;background:" + color + ";color:#fff;cursor:pointer}" +
    "button:focus-visible,input:focus-visible{outline:3px solid #f0b400;outline-offset:2px}" +
    ".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}" +
    "</style>" +
    "<button class='launcher' type='button' aria-expanded='false'></button>" +
    "<section class='panel' role='dialog' hidden>" +
    "<header><h2></h2><button class='close' type='button'>×</button></header>" +
    "<div class='log' role='log' aria-live='polite'></div>" +
    "<form><label class='sr' for='citybot-input'></label><input id='citybot-input' dir='auto' maxlength='4000' autocomplete='off'>" +
    "<button type='submit'></button></form></section>";
  var launcher = root.querySelector(".launcher");
  var panel = root.querySelector(".panel");
  var log = root.querySelector(".log");
  var form = root.querySelector("form");
  var input = root.querySelector("input");
  launcher.textContent = labels[0];
  root.querySelector("h2").textContent = labels[0];
  root.querySelector("label").textContent = labels[1];
  root.querySelector("form button").textContent = labels[2];
  root.querySelector(".close").setAttribute("aria-label", labels[3]);
  panel.setAttribute("aria-label", labels[0]);
  panel.dir = rtl ? "rtl" : "ltr";
  if (language) { panel.lang = language; }

  function add(kind, text) {
    var bubble = document.createElement("div");
    bubble.className = "msg " + kind;
    bubble.dir = "auto";
    bubble.textContent = text;
    log.appendChild(bubble);
    log.scrollTop = log.scrollHeight;
    return bubble;
  }

  function notice(text) {
    var line = document.createElement("p");
    line.className = "notice";
    line.textContent = text;
    log.appendChild(line);
  }

  // --- Socket.IO over WebSocket -------------------------------------------------------------
  var storageKey = "citybot-session-" + partner;
  var sessionId = null;
  var socket = null;
  var queue = [];
  var scheme = base.protocol === "https:" ? "wss:" : "ws:";
  var url = scheme + "//" + base.host + "/socket.io/?EIO=4&transport=websocket&partner=" + encodeURIComponent(partner);

  function emit(event, data) {
    queue.push([event, data]);
    flush();
  }

  function flush() {
    if (!socket || socket.readyState !== 1 || !sessionId) { return; }
    queue.splice(0).forEach(function (packet) {
      packet[1].session_id = sessionId;
      socket.send("42" + JSON.stringify(packet));
    });
  }

  function connect() {
    socket = new WebSocket(url);
    socket.onmessage = function (event) {
      var data = String(event.data);
      if (data === "2") { socket.send("3"); return; }                 // ping → pong
      if (data.charAt(0) === "0") { socket.send("40"); return; }       // Engine.IO open → Socket.IO connect
      if (data.slice(0, 2) === "40") {                                  // connected
        var saved = null;
        try { saved = window.localStorage.getItem(storageKey); } catch (e) { /* storage blocked */ }
        socket.send("42" + JSON.stringify(["session_request", { session_id: saved }]));
        return;
      }
      if (data.slice(0, 2) === "44") { host.dataset.state = "refused"; notice(labels[4]); return; }
      if (data.slice(0, 2) !== "42") { return; }
      var packet = JSON.parse(data.slice(2));
      if (packet[0] === "session_confirm") {
        sessionId = typeof packet[1] === "string" ? packet[1] : packet[1] && packet[1].session_id;
        try { window.localStorage.setItem(storageKey, sessionId); } catch (e) { /* storage blocked */ }
        host.dataset.state = "connected";
        flush();
      } else if (packet[0] === "bot_uttered") {
        show(packet[1] || {});
      }
    };
    socket.onclose = function () {   // also after an error: a refused handshake ends here
      if (host.dataset.state === "connected") { host.dataset.state = "closed"; sessionId = null; setTimeout(connect, 3000); }
      else if (host.dataset.state !== "refused") { host.dataset.state = "refused"; notice(labels[4]); }
    };
  }

  function show(message) {
    var bubble = add("bot", message.text || "");
    var choices = message.quick_replies || message.buttons || [];
    if (choices.length) {
      var group = document.createElement("div");
      group.className = "choices";
      group.setAttribute("role", "group");
      choices.forEach(function (choice) {
        var button = document.createElement("button");
        button.type = "button";
        button.dir = "auto";
        button.textContent = choice.title;
        button.addEventListener("click", function () { send(choice.payload, choice.title); });
        group.appendChild(button);
      });
      bubble.appendChild(group);
    }
  }

  function send(text, shown) {
    add("user", shown || text);
    emit("user_uttered", { message: text, customData: { language: language } });
  }

  function open(opened) {
    panel.hidden = !opened;
    launcher.setAttribute("aria-expanded", String(opened));
    if (opened) {
      if (!socket) { host.dataset.state = "connecting"; connect(); }
      input.focus();
    } else {
      launcher.focus();
    }
  }

  launcher.addEventListener("click", function () { open(panel.hidden); });
  root.querySelector(".close").addEventListener("click", function () { open(false); });
  panel.addEventListener("keydown", function (event) { if (event.key === "Escape") { open(false); } });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { return; }
    input.value = "";
    send(text);
  });
  (document.body || document.documentElement).appendChild(host);
}());

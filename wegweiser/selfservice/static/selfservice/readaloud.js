/* Read aloud with the browser's own speech synthesis, where it has a voice for the page language.
   Reads every element marked data-readaloud, in order. No inline script: loaded with defer. */
(function () {
  "use strict";
  var synth = window.speechSynthesis;
  if (!synth || typeof window.SpeechSynthesisUtterance !== "function") { return; }
  var lang = (document.documentElement.getAttribute("lang") || "de").toLowerCase();

  function voiceFor(code) {
    var voices = synth.getVoices() || [];
    for (var i = 0; i < voices.length; i++) {
      if ((voices[i].lang || "").toLowerCase().split(/[-_]/)[0] === code) { return voices[i]; }
    }
    return null;
  }

  function texts() {
    var nodes = document.querySelectorAll("[data-readaloud]");
    var out = [];
    for (var i = 0; i < nodes.length; i++) {
      var t = (nodes[i].innerText || nodes[i].textContent || "").trim();
      if (t) { out.push(t); }
    }
    return out;
  }

  function setup() {
    var voice = voiceFor(lang);
    var buttons = document.querySelectorAll("[data-readaloud-button]");
    if (!voice) { return; }
    for (var i = 0; i < buttons.length; i++) {
      (function (button) {
        var label = button.textContent;
        button.hidden = false;
        button.addEventListener("click", function () {
          if (synth.speaking) {
            synth.cancel();
            button.textContent = label;
            return;
          }
          var parts = texts();
          button.textContent = button.getAttribute("data-label-stop") || label;
          parts.forEach(function (text, index) {
            var u = new window.SpeechSynthesisUtterance(text);
            u.lang = voice.lang;
            u.voice = voice;
            u.rate = 0.9;
            if (index === parts.length - 1) { u.onend = function () { button.textContent = label; }; }
            synth.speak(u);
          });
        });
      })(buttons[i]);
    }
  }

  if (synth.getVoices().length) { setup(); }
  else if ("onvoiceschanged" in synth) { synth.addEventListener("voiceschanged", setup, { once: true }); }
  window.addEventListener("pagehide", function () { synth.cancel(); });
})();

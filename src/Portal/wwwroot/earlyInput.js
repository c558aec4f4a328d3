// Keeps what a person types into an interactive page before its circuit is live. The server sends
// the page's HTML first; when the circuit starts, Blazor renders the page again and the inputs come
// back empty (on a cold start that took over a second, and a typed Service ID was lost). Text typed
// into an input with an id is remembered; when that input is found empty again, the text is put
// back once and announced with input and change events, so the component's binding receives it.
// Password fields are never remembered: what the page clears on purpose (a PIN after a failed
// attempt) must stay cleared. It stops a few seconds after the circuit has started
// (GbcPortal.Portal.lib.module.js), or after a minute.
(() => {
    const typed = new Map(); // id -> the value the person typed
    let stopAt = Date.now() + 60000;
    const remember = event => {
        const input = event.target;
        if (event.isTrusted && input instanceof HTMLInputElement && input.id && input.type !== 'password' && input.type !== 'file')
            typed.set(input.id, input.value);
    };
    const restore = () => {
        for (const [id, value] of typed) {
            const input = document.getElementById(id);
            if (!(input instanceof HTMLInputElement) || input.value !== '' || value === '')
                continue;
            typed.delete(id); // once: after it, the live page owns the field
            input.value = value;
            input.dispatchEvent(new Event('input', { bubbles: true }));
            input.dispatchEvent(new Event('change', { bubbles: true }));
        }
        if (Date.now() > stopAt) {
            clearInterval(timer);
            document.removeEventListener('input', remember, true);
            typed.clear();
        }
    };
    document.addEventListener('input', remember, true);
    const timer = setInterval(restore, 50);
    window.gbcEarlyInput = { stopSoon: () => { stopAt = Math.min(stopAt, Date.now() + 3000); } };
})();

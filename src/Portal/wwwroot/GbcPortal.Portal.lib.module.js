// Blazor's JavaScript initializer for this app (found by its name). Once the circuit has started,
// the early-typing guard (earlyInput.js) has a few seconds left to put typed text back, then stops.
export function afterServerStarted() {
    window.gbcEarlyInput?.stopSoon();
}

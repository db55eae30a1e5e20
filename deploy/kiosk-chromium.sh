#!/usr/bin/env bash
# Qoljazba kiosk: open the kiosk full screen in Chromium, locked down, and keep it open.
#
# Usage: deploy/kiosk-chromium.sh [URL]        (default http://127.0.0.1:5000/)
# Run it from the exhibition account's graphical session (e.g. an autostart entry); see
# docs/kiosk.md. Chromium is restarted if it ever exits; a fresh, throw-away profile is used
# for every start so no visitor's traces survive a restart.
set -euo pipefail

url=${1:-${QOLJAZBA_KIOSK_URL:-http://127.0.0.1:5000/}}
chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser)}

# Wait for the server (a kiosk that starts before the app shows an error page otherwise).
host_port=${url#*://}; host_port=${host_port%%/*}
for _ in $(seq 1 120); do
  curl -fsS -o /dev/null "${url%/}/healthz" 2>/dev/null && break
  sleep 1
done

# No screen blanking or power saving while the exhibition is open (X11 only; ignored elsewhere).
if command -v xset >/dev/null && [ -n "${DISPLAY:-}" ]; then
  xset s off -dpms s noblank || true
fi

while true; do
  profile=$(mktemp -d /tmp/qoljazba-kiosk.XXXXXX)
  "$chromium" \
    --kiosk "$url" \
    --user-data-dir="$profile" \
    --no-first-run \
    --no-default-browser-check \
    --disable-translate \
    --disable-features=Translate,TranslateUI,OverscrollHistoryNavigation,TouchpadOverscrollHistoryNavigation,MediaRouter,HardwareMediaKeyHandling \
    --overscroll-history-navigation=0 \
    --disable-pinch \
    --disable-infobars \
    --disable-session-crashed-bubble \
    --hide-crash-restore-bubble \
    --noerrdialogs \
    --disable-component-update \
    --disable-background-networking \
    --disable-sync \
    --disable-extensions \
    --disable-print-preview \
    --kiosk-printing \
    --autoplay-policy=no-user-gesture-required \
    --password-store=basic \
    --check-for-update-interval=31536000 \
    --touch-events=enabled \
    --lang="${QOLJAZBA_KIOSK_UI_LANG:-kk}" \
    "--host-rules=MAP * ~NOTFOUND, EXCLUDE ${host_port%%:*}" \
    || true
  rm -rf "$profile"
  sleep 2
done

# Sourced by every stand-in. Logs the call to $STANDIN_LOG as one line ("NAME ARGS..."), numbers it
# (the N-th call of any stand-in), and fails or hangs at the call the test asks for:
#   STANDIN_FAIL_AT=N       call N exits with $STANDIN_FAIL_STATUS (1) after printing
#                           $STANDIN_FAIL_MESSAGE ("Error: stand-in failure") on stderr
#   STANDIN_HANG_AT=N       call N sleeps 30 s (a step that times out)
#   STANDIN_SLOW_AT=N       call N sleeps 1 s first (a step that is running when a test interrupts)
# State shared between calls lives in $STANDIN_STATE.
PATH=/usr/bin:/bin
export PATH
standin_name=$(basename "$0")
printf '%s\n' "$standin_name $*" >> "$STANDIN_LOG"
standin_call=$(wc -l < "$STANDIN_LOG")
if [ "${STANDIN_SLOW_AT:-}" = "$standin_call" ]; then
    sleep 1
fi
if [ "${STANDIN_HANG_AT:-}" = "$standin_call" ]; then
    sleep 30
fi
if [ "${STANDIN_FAIL_AT:-}" = "$standin_call" ]; then
    printf '%s\n' "${STANDIN_FAIL_MESSAGE:-Error: stand-in failure}" >&2
    exit "${STANDIN_FAIL_STATUS:-1}"
fi

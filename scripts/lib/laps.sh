# Sourced: `part NAME` prints how long NAME took since the last part (or since
# this was sourced), prefixed with $LAPS_NAME; $LAPS_BEGAN is when it was sourced.
LAPS_BEGAN=$SECONDS
_laps_last=$SECONDS
part() {
  echo "$LAPS_NAME: $1 took $((SECONDS - _laps_last)) s" >&2
  _laps_last=$SECONDS
}

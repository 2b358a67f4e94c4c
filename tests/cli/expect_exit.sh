#!/bin/sh
# expect_exit.sh CODE REGEX COMMAND...: runs COMMAND, passes when it exits
# with CODE and its output (stdout and stderr) matches the extended REGEX.
want=$1; pattern=$2; shift 2
out=$("$@" 2>&1); got=$?
if [ "$got" -ne "$want" ]; then
  printf 'exit code %s, expected %s\n%s\n' "$got" "$want" "$out"; exit 1
fi
if ! printf '%s\n' "$out" | grep -Eq -- "$pattern"; then
  printf 'output does not match /%s/:\n%s\n' "$pattern" "$out"; exit 1
fi
exit 0

#!/usr/bin/env bash
# Writes cutover(1) from the CLI's own help, so the man page cannot drift from
# the program: help2man turns `cutover --help` into the page, and a SUBCOMMANDS
# section holds `cutover SUB --help` (and `cutover SUB SUB2 --help`) for every
# subcommand the top-level help lists, verbatim.
#
#   cmake/man_page.sh build/planner/cli/cutover build/cutover.1
set -euo pipefail
cutover=$1
out=$2
include=$(mktemp)
trap 'rm -f "$include"' EXIT

# The names in the "Subcommands:" block of `help`: lines "  NAME  text".
subcommands() {  # subcommands HELP_TEXT
  awk '/^Subcommands:/ {on=1; next} on && /^[^ ]/ {on=0} on && /^  [a-z]/ {print $1}' <<< "$1"
}

# Help text as roff: no fill, backslashes and leading dots escaped.
verbatim() {
  echo ".nf"
  sed -e 's/\\/\\e/g' -e "s/^\([.']\)/\\\\\&\1/"
  echo ".fi"
}

{
  echo "[SUBCOMMANDS]"
  top=$("$cutover" --help)
  for sub in $(subcommands "$top"); do
    help=$("$cutover" "$sub" --help)
    echo ".SS \"cutover $sub\""
    verbatim <<< "$help"
    for sub2 in $(subcommands "$help"); do
      echo ".SS \"cutover $sub $sub2\""
      "$cutover" "$sub" "$sub2" --help | verbatim
    done
  done
  cat <<'ROFF'
[SEE ALSO]
The README of the cutover sources: how to run a cutover, the plan format (plans/README.md) and the lab.
ROFF
} > "$include"

help2man --no-info --section=1 --name="plan and execute zero-downtime DNS and account migrations" \
  --include="$include" --output="$out" "$cutover"

#!/bin/sh
# seeds.sh DIR: DIR/<step>/state.json, the input of each step for the synthetic default
# of 2024-01-15 (the previous step's output from bin/), as libFuzzer seeds (make fuzz).
set -e
dir=$1
prev=$(mktemp)
trap 'rm -f "$prev" "$prev.next"' EXIT
printf '{"as_of":"2024-01-15"}\n' > "$prev"
for s in $(scripts/step-table -n); do	# steps/STEPS, in run order
	mkdir -p "$dir/$s"
	cp "$prev" "$dir/$s/state.json"
	bin/step-$s < "$prev" > "$prev.next"
	mv "$prev.next" "$prev"
done

#!/bin/sh
# Certifications: the day each award is first reached, at the threshold's
# day boundary (249,999 then 250,000), from monthly reports, from units and
# from Circle's download and streaming series; a rule whose threshold
# changes by date (test rules, certs-rules.csv); a release's awards and its
# songs'; the news sentences; rebuild gives the same answers; bad rule files
# store nothing (and tests/bad/certs-* have their messages).
# Usage: certs.sh KCHART
set -u
. "$(dirname "$0")/../lib.sh"
certs() { "$kchart" certs --format csv "$@" | tail -n +2 | cut -d, -f1-8; }

export KCHART_DB="$tmp/a.db"
"$kchart" catalog import "$here/certs-catalog.json" >/dev/null || exit 1
"$kchart" sales import "$here/certs-sales.csv" >/dev/null || exit 1
"$kchart" units import "$here/units.csv" >/dev/null || exit 1
"$kchart" series import "$here/certs-streams.csv" >/dev/null || exit 1

ok "the built-in rules: Circle and RIAA" \
    "$("$kchart" certs --rules --format csv | tail -n +2 | cut -d, -f1 | sort | uniq -c | tr -s ' ' | tr '\n' ';')" \
    " 12 Circle; 8 RIAA;"
ok "RIAA: albums until 2016-02-01, units from then" \
    "$("$kchart" certs --rules --format csv | grep '^RIAA,gold' | cut -d, -f1-7)" \
    "RIAA,gold,albums,500000,1958-03-14,2016-02-01,luminate
RIAA,gold,units,500000,2016-02-01,,luminate"
ok "Circle's awards reached" "$(certs)" \
    "2024-03-31,Circle,platinum,albums,250000,Dawn,Nova,400000
2024-05-02,Circle,platinum,albums,250000,Late Show,Orbit,250000
2024-06-02,Circle,platinum,downloads,2500000,Night Drive,Orbit,2500000
2024-06-02,Circle,platinum,streams,100000000,Night Drive,Orbit,100000000"
ok "the threshold's day: 249,999 on 05-01 is not platinum, 250,000 on 05-02 is" \
    "$(certs 'Late Show' | grep albums)" \
    "2024-05-02,Circle,platinum,albums,250000,Late Show,Orbit,250000"
ok "months: the last day of the month that crossed it" \
    "$(certs Dawn)" "2024-03-31,Circle,platinum,albums,250000,Dawn,Nova,400000"
ok "a release by key, with its songs' awards" "$(certs orbit/late | cut -d, -f4,6 | tr '\n' ' ')" \
    "albums,Late Show downloads,Night Drive streams,Night Drive "
ok "a release without awards: an empty table" \
    "$("$kchart" certs 'Nine Thousand' --format csv)" \
    "reached,certifier,award,metric,threshold,title,artist,total,counted,rule_since"
ok "an unknown release names the near ones" \
    "$("$kchart" certs 'Late Shw' 2>&1; echo "exit $?")" \
    "kchart: no release \"Late Shw\"; did you mean \"Late Show (Orbit)\"?
exit 3"

before=$(dump)
ok "test rules: a threshold that changes by date" "$("$kchart" certs rules "$here/certs-rules.csv"; echo "exit $?")" "exit 0"
ok "in force in March: silver at 80 (90 by 03-31), gold at 100 not reached" \
    "$(certs 'Late Show' | grep Test)" \
    "2024-03-31,Test,silver,albums,80,Late Show,Orbit,90
2024-04-05,Test,gold,albums,150,Late Show,Orbit,150"
ok "... so gold waits for 150 under the April rule (130 on 04-02 is not enough)" \
    "$(certs 'Late Show' | grep -c '2024-04-02')" "0"
ok "units: each week under its ratios, reached at its tracking week's end" \
    "$(certs 'Nine Thousand')" "2019-10-10,Test,gold,units,20000,Nine Thousand,Kite,27417"
printf 'certifier,award,metric,threshold,since,until,provider,source\nTest,gold,albums,100,2024-01-01,,hanteo,again\n' >"$tmp/more.csv"
"$kchart" certs rules "$tmp/more.csv" || exit 1
ok "a row replaces the stored one of its certifier, award, metric and since" \
    "$(certs 'Late Show' | grep 'Test,gold')" "2024-04-02,Test,gold,albums,100,Late Show,Orbit,130"

# The news is stored as it was learned: gold at 150 on 04-05, learned under
# the April rule, stays beside gold at 100 on 04-02 that the new row made
# known.
ok "news: each award reached, as it was learned" \
    "$("$kchart" news --limit 0 --format csv | grep '^certification' | cut -d, -f3,8- | head -5)" \
    "2024-06-02,\"Night Drive (Orbit) reached Circle platinum (2,500,000 downloads) on 2024-06-02.\"
2024-06-02,\"Night Drive (Orbit) reached Circle platinum (100,000,000 streams) on 2024-06-02.\"
2024-05-02,\"Late Show (Orbit) reached Circle platinum (250,000 albums) on 2024-05-02.\"
2024-04-05,Late Show (Orbit) reached Test gold (150 albums) on 2024-04-05.
2024-04-02,Late Show (Orbit) reached Test gold (100 albums) on 2024-04-02."
ok "news of one chart: no certification" \
    "$("$kchart" news --chart billboard-200-units --limit 0 --format csv | grep -c '^certification')" "0"

all=$(certs)
before=$(dump)
"$kchart" rebuild >/dev/null || exit 1
ok "rebuild: the same awards" "$(certs)" "$all"
ok "rebuild: the same store" "$(dump)" "$before"

printf 'certifier,award,metric,threshold,since,until,provider,source\nTest,gold,albums,100,2024-01-01,,hanteo,fine\nTest,gold,albums,0,2024-01-01,,hanteo,bad\n' >"$tmp/bad.csv"
ok "a bad row: file:line:column, exit 1" "$("$kchart" certs rules "$tmp/bad.csv" 2>&1; echo "exit $?")" \
    "kchart: $tmp/bad.csv:3:18: threshold \"0\" is not a whole number from 1
exit 1"
ok "a bad row: nothing stored" "$(dump)" "$before"
finish

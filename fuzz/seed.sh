#!/usr/bin/env bash
# Seeds the fuzz corpora from the project's own files: the sample exports in tests/fixtures,
# the shipped rules file and rules like those the tests check, and edits people type.
# Re-running it adds the seeds again; what the fuzzer found stays beside them.
set -euo pipefail
cd "$(dirname "$0")"
root=..

mkdir -p corpus/csv_import corpus/rules_file corpus/field_edit

# CSV import: every sample export (UTF-8, UTF-16, preambles, footers, NUL bytes, ...).
cp "$root"/tests/fixtures/*.csv corpus/csv_import/
printf 'Email;Vorname;Nachname;Firma\r\nanna@example.de;Anna;Schmidt;M\xfcller GmbH\r\n' \
    > corpus/csv_import/semicolon_windows1252.csv
printf 'name\temail\tE-mail 1 - Label\tE-mail 1 - Value\nAda\tada@x.example\t* Work\tada@w.example\n' \
    > corpus/csv_import/tabs_labels.csv

# Wide files: thousands of same-named columns, and of label columns beside their values.
{
    for _ in $(seq 2000); do printf 'Tag,'; done
    printf 'Email\n'
    for _ in $(seq 2000); do printf 'x,'; done
    printf 'ada@x.example\n'
} > corpus/csv_import/wide_same_names.csv
{
    for i in $(seq 1000); do printf 'E-mail %d - Label,E-mail %d - Value,' "$i" "$i"; done
    printf 'Name\n'
    for i in $(seq 1000); do printf '* Work,a%d@x.example,' "$i"; done
    printf 'Ada\n'
} > corpus/csv_import/wide_labels.csv

# Rules files: the shipped default, and small ones of each kind the tests read.
cp "$root"/assets/leadgate.toml corpus/rules_file/default.toml
w() { printf '%b' "$2" > "corpus/rules_file/$1"; }
w empty.toml ''
w gates.toml '[gates]\nto_prospect = ["icp_fit", "reason_now"]\nto_opportunity = ["pain_point", "next_step"]\nopportunity_allow_without = ["exclusions"]\nreason_now_window_days = 14\nstalled_days = 7\nstakeholders_min_engaged = 2\nstakeholders_authority_or_second = false\nreview_cadence_days = 45\n'
w typo.toml '[gates]\nreason_now_window_days = 30\nreason_now_windw = 7\n'
w wrong_type.toml '[gates]\nstalled_days = "two weeks"\n'
w bad_item.toml '[gates]\nto_prospect = ["icp_fit", "budget"]\nreason_now_window_days = -3\n'
w icp_roles.toml '[icp]\nindustries = ["logistics"]\nemployee_bands = ["11-50", "51-200"]\ncountries = ["DE", "AT"]\nexclude_industries = ["gaming"]\ncompetitor_domains = ["rival.example"]\n[roles]\nrelevant = ["\\\\bhead of (ops|operations)\\\\b", "(?i)founder"]\nnot_relevant = ["\\\\bintern\\\\b", "("]\n'
w flags.toml '[flags]\nfree_mail_domains = ["mail.example"]\nrole_inboxes = ["hello"]\ndo_not_contact = ["Newsletter = unsubscribed | no consent", "UNSUB_TIME = *"]\nexisting_account = ["Customer since = *", "Open deals > 0", "Is customer = true"]\n'
w score.toml '[score]\nfit = 5.0\nnot_fit = -5.0\nfresh_days = 7\nage_cap = -3.0\n[score.intent]\ndemo_request = 6.0\nreferral = 4\n[team]\nmanagers = ["dana", "Lee"]\n'
w inline.toml 'gates = { to_prospect = [] }\nicp.industries = []\n'

# Field edits: field=value, then NUL and the note, then NUL and the --on day.
e() {
    local name=$1
    shift
    case $# in
        1) printf '%s' "$1" ;;
        2) printf '%s\0%s' "$1" "$2" ;;
        *) printf '%s\0%s\0%s' "$1" "$2" "$3" ;;
    esac > "corpus/field_edit/$name"
}
e name 'name=Maren Okafor'
e name_empty 'name=  '
e email 'email=maren@northwind.example'
e email_bad 'email=maren@northwind'
e email_clear 'email='
e icp_fit 'icp_fit=fit' 'matches logistics, 51-200'
e icp_unknown 'icp-fit=' 'nobody checked'
e role 'Role Relevance=not_relevant' 'an intern'
e intent 'intent_source=demo_request' 'booked a demo on the site'
e intent_clear 'intent_source=' 'no longer'
e reason_now 'reason_now=opened a second depot' '' '2025-03-01'
e reason_future 'reason_now=new CFO' '' '2099-01-01'
e pain 'pain_point=dispatch done on paper' 'two missed deliveries a week'
e next_step 'next_step=demo with the COO' '' '2025-03-20'
e next_past 'next_step=call back' '' '2020-01-01'
e last_activity 'last_activity=2025-02-28'
e last_bad 'last_activity=last Tuesday'
e deal 'deal_size=40k EUR/yr'
e linkedin 'linkedin_url=https://www.linkedin.com/in/maren-okafor/'
e on_wrong 'company=Northwind' '' '2025-03-01'
e multiline "$(printf 'timeline=Q2 decision\nboard meets in May')"
echo "seeded: $(ls corpus/csv_import | wc -l) CSV files, $(ls corpus/rules_file | wc -l) rules files, $(ls corpus/field_edit | wc -l) edits"

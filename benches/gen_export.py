#!/usr/bin/env python3
"""Writes a large CSV export of invented leads, in a HubSpot-like layout, for the import
benchmark. Deterministic (fixed seed). Usage: gen_export.py ROWS OUT.csv [SERIES]

SERIES (default 0) makes another list of other people: series 1 is the second file the
benchmark imports into a database already holding series 0. One row in a hundred of a later
series is a person of series 0 again, found by their HubSpot Record ID with a changed email.

About 230 bytes a row: 1,000,000 rows make about 230 MB. Two rows in a hundred repeat an
earlier email in other letter case (the importer merges them), and some use free-mail and role
inboxes (it flags them), as real lists do.
"""
import csv
import random
import sys

FIRST = ["Maren", "Tomasz", "Priya", "Diego", "Chloé", "Kwame", "Ingrid", "Hiroshi", "Amina", "Lars",
         "Noor", "Pavel", "Yetunde", "Camille", "Jing", "Esteban", "Folake", "Magnus", "Layla", "Ricardo"]
LAST = ["Okafor", "Wielgosz", "Raman", "Alvarado", "Marchand", "Boateng", "Solberg", "Tanabe", "Tesfaye",
        "Berg", "Mansour", "Horvat", "Eze", "Lefevre", "Huang", "Guerrero", "Mensah", "Lindqvist"]
TITLES = ["Head of Operations", "VP Operations", "Dispatch Manager", "Founder & CEO", "CTO", "Fleet Manager",
          "Operations Analyst", "Marketing Coordinator", "Logistics Coordinator", "Procurement Manager"]
INDUSTRIES = ["Logistics", "Wholesale", "Food distribution", "Healthcare", "Construction", "Retail", "Software"]
SOURCES = ["Organic Search", "Paid Social", "Direct Traffic", "Offline Sources", "Referrals", "Email Marketing"]
OWNERS = ["Dana Whitcombe", "Sam Ferreira", "Rui Okonkwo-Bell", ""]
CITIES = [("Austin", "Texas", "United States"), ("Rotterdam", "South Holland", "Netherlands"),
          ("Dublin", "Leinster", "Ireland"), ("Lisbon", "Lisboa", "Portugal"), ("Oslo", "Oslo", "Norway")]


def main():
    rows, out = int(sys.argv[1]), sys.argv[2]
    series = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    rng = random.Random(20261123 + series)
    base = series * 10_000_000
    emails = []
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, quoting=csv.QUOTE_ALL)
        w.writerow(["Record ID", "First Name", "Last Name", "City", "Company Name", "Contact owner",
                    "Country/Region", "Create Date", "Email", "Job Title", "Industry", "Lead Status",
                    "Lifecycle Stage", "LinkedIn URL", "Phone Number", "Original Traffic Source",
                    "State/Region", "Website URL", "Number of Employees", "Notes"])
        for n in range(rows):
            i = base + n
            record = 31845700000 + i
            if series and rng.random() < 0.01:
                record = 31845700000 + rng.randrange(rows)
            first, last = rng.choice(FIRST), rng.choice(LAST)
            company_no = rng.randrange(40000)
            domain = "company%d.example" % company_no
            roll = rng.random()
            if emails and roll < 0.02:
                email = rng.choice(emails).upper()
            elif roll < 0.04:
                email = "%s.%s%d@gmail.com" % (first.lower(), last.lower(), i)
            elif roll < 0.05:
                email = "info%d@%s" % (i, domain)
            else:
                email = "%s.%s.%d@%s" % (first.lower(), last.lower(), i, domain)
            if len(emails) < 50000:
                emails.append(email)
            city, state, country = rng.choice(CITIES)
            w.writerow([
                str(record), first, last, city, "Company %d Ltd" % company_no, rng.choice(OWNERS),
                country, "2025-%02d-%02d 08:%02d" % (rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 59)),
                email, rng.choice(TITLES), rng.choice(INDUSTRIES), "New", "Lead",
                "https://www.linkedin.com/in/%s-%s-%d" % (first.lower(), last.lower(), i),
                "+1 512 555 %04d" % rng.randrange(10000), rng.choice(SOURCES), state, "https://www." + domain,
                str(rng.choice([8, 45, 120, 480, 2200])), "",
            ])


if __name__ == "__main__":
    main()

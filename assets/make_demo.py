#!/usr/bin/env python3
"""Generate assets/demo_leads.csv: 300 invented demo leads for leadgate.

Deterministic (fixed seed), standard library only. Run from anywhere:

    python3 assets/make_demo.py

Everything here is made up. No real people: company domains use the reserved `.example`
TLD, students use invented `.edu` domains, a handful of free-mail addresses use the big
free-mail providers, and phone numbers are in ranges reserved for fiction
(+1 512 555 0100-0199, +44 20 7946 0000-0999).

The script validates what it wrote (raising on any failure) and prints a summary.
"""

import csv
import os
import random
import re
import unicodedata
from collections import Counter

SEED = 20241105
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "demo_leads.csv")
N_ROWS = 300

COLUMNS = [
    "name", "email", "title", "company", "domain", "industry", "employees", "country", "city",
    "phone", "linkedin_url", "source", "owner", "created_days_ago", "icp_fit", "icp_fit_why",
    "role_relevance", "role_relevance_why", "intent_source", "intent_detail", "reason_now",
    "reason_now_days_ago", "outcome", "reason_code", "outcome_note", "pain_point", "stakeholders",
    "next_step", "pain_consequence", "timeline", "handoff", "handoff_note",
]

EMPLOYEE_BANDS = ["1-10", "11-50", "51-200", "201-500", "501-1000", "1001-5000"]
SOURCES = ["Website form", "Webinar", "Purchased list", "LinkedIn", "Referral", "Event booth",
           "Content download", "Cold outbound"]
OWNERS = ["dana", "sam", "rui"]
ICP_VALUES = ["fit", "not_fit", "unknown", ""]
ROLE_VALUES = ["relevant", "not_relevant", "unknown", ""]
INTENT_SOURCES = ["demo_request", "pricing_page", "webinar", "content_download", "reply",
                  "referral", "event", "research_signal", "other"]
OUTCOMES = ["lead", "prospect", "opportunity", "nurture", "disqualified"]
REASON_CODES = ["not_icp", "no_role_relevance", "no_intent", "no_reason_now", "stalled",
                "competitor", "student", "consultant", "generic_inbox", "duplicate", "bad_data",
                "opted_out", "other"]
FREEMAIL = ["gmail.com", "yahoo.com", "outlook.com", "hotmail.com"]
GENERIC_LOCALS = ["info", "sales", "hello", "contact", "office"]
PROMOTE_WINDOW = 20   # prospects/opportunities: reason now observed at most this many days ago
STALE_AFTER = 30      # the app's window; older reasons are stale

rng = random.Random(SEED)

# --------------------------------------------------------------------------------------------
# Companies: name | domain stem | industry | employees | country | city | kind
# --------------------------------------------------------------------------------------------
COMPANY_TABLE = """
Harborlight Logistics|harborlight|Logistics|51-200|United States|Austin|3pl
Bluefin Freight|bluefinfreight|Logistics|201-500|United States|Houston|3pl
Northgate Haulage|northgatehaulage|Logistics|51-200|United Kingdom|Leeds|3pl
Ironbridge Transport|ironbridge|Logistics|201-500|United Kingdom|Birmingham|3pl
Meridian Parcel|meridianparcel|Logistics|11-50|United States|Denver|courier
Swiftlane Couriers|swiftlane|Logistics|51-200|United Kingdom|London|courier
Copperline Express|copperline|Logistics|11-50|United States|Phoenix|courier
Tidewater Distribution|tidewaterdist|Logistics|501-1000|United States|Savannah|3pl
Kestrel Fulfilment|kestrelfulfil|Logistics|51-200|United Kingdom|Manchester|3pl
Pinecrest Delivery|pinecrest|Logistics|11-50|United States|Portland|courier
Redfern Cargo|redferncargo|Logistics|201-500|Australia|Sydney|3pl
Lakeshore Last Mile|lakeshorelm|Logistics|51-200|United States|Chicago|courier
Granite Ridge Freight|graniteridge|Logistics|51-200|United States|Nashua|3pl
Ashdown Logistics|ashdown|Logistics|201-500|United Kingdom|Bristol|3pl
Orbit Same-Day|orbitsameday|Logistics|11-50|United States|Atlanta|courier
Maplewood Movers|maplewoodmovers|Logistics|51-200|Canada|Toronto|moving
Fenwick & Shah Transport|fenwickshah|Logistics|51-200|United Kingdom|Leicester|3pl
Silverline Haulers|silverlinehaul|Logistics|201-500|United States|Dallas|3pl
Cobalt Courier Co|cobaltcourier|Logistics|1-10|United States|Austin|courier
Rotterdam Gateway Logistics|rotterdamgateway|Logistics|501-1000|Netherlands|Rotterdam|3pl
Quayside Freight|quaysidefreight|Logistics|51-200|Ireland|Dublin|3pl
Saltmarsh Carriers|saltmarsh|Logistics|11-50|United Kingdom|Glasgow|courier
Rhone Valley Freight|rhonevalley|Logistics|51-200|France|Lyon|3pl
Brightkiln Heating & Air|brightkiln|Field services|51-200|United States|Austin|hvac
Evergreen Pest Solutions|evergreenpest|Field services|51-200|United States|Charlotte|pest
Crestview Plumbing|crestviewplumbing|Field services|11-50|United States|Phoenix|plumbing
Hartwell Lift Services|hartwelllift|Field services|201-500|United Kingdom|London|elevator
Polaris Fire Protection|polarisfire|Field services|51-200|United States|Minneapolis|fire
Thornbury Facilities|thornbury|Facilities|201-500|United Kingdom|Reading|facilities
Summit Appliance Repair|summitappliance|Field services|11-50|United States|Denver|appliance
Cedar & Stone Landscaping|cedarstone|Field services|51-200|United States|Raleigh|landscaping
Kingfisher Pool Care|kingfisherpool|Field services|11-50|United States|Tampa|pool
Northwind Electrical|northwindelec|Field services|51-200|United Kingdom|Manchester|electrical
Bayview Security Systems|bayviewsecurity|Field services|201-500|United States|San Diego|security
Larkspur Home Services|larkspurhome|Field services|201-500|United States|Columbus|hvac
Foxglove Window Cleaning|foxglove|Facilities|11-50|United Kingdom|Bristol|cleaning
Ridgeback Pest Control|ridgebackpest|Field services|11-50|Australia|Brisbane|pest
Clearwater Irrigation|clearwaterirr|Field services|11-50|United States|Boise|landscaping
Anchor Boiler Care|anchorboiler|Field services|51-200|United Kingdom|Leeds|hvac
Sterling Elevator Group|sterlingelevator|Field services|501-1000|United States|Chicago|elevator
Mosaic Facility Partners|mosaicfacility|Facilities|501-1000|United States|Atlanta|facilities
Tarn Valley Water Services|tarnvalley|Field services|51-200|United Kingdom|Newcastle|plumbing
Bellamy Wholesale Supply|bellamysupply|Wholesale|201-500|United States|Memphis|wholesale
Pemberton Trade Supplies|pembertontrade|Wholesale|51-200|United Kingdom|Sheffield|wholesale
Vantage Industrial Parts|vantageparts|Wholesale|51-200|United States|Cleveland|wholesale
Marigold Beverage Distributors|marigoldbev|Wholesale|201-500|United States|San Antonio|beverage
Ostara Floral Wholesale|ostarafloral|Wholesale|11-50|Netherlands|Aalsmeer|wholesale
Hollins Janitorial Supply|hollinsjan|Wholesale|51-200|United States|Kansas City|wholesale
Castlegate Auto Parts|castlegateauto|Wholesale|201-500|United Kingdom|Coventry|wholesale
Sunbury Office Supply|sunburyoffice|Wholesale|11-50|United States|Richmond|wholesale
Prairie Ag Supply|prairieag|Wholesale|51-200|Canada|Calgary|wholesale
Tamarind Trading Co|tamarindtrading|Wholesale|11-50|United Kingdom|London|wholesale
Orchard Lane Foods|orchardlane|Food distribution|201-500|United States|Fresno|food
Blue Harbor Seafood|blueharborseafood|Food distribution|51-200|United States|Boston|food
Greenleaf Produce|greenleafproduce|Food distribution|51-200|United Kingdom|Birmingham|food
Hearthstone Bakery Supply|hearthstonebakery|Food distribution|51-200|United States|Milwaukee|bakery
Saffron Foodservice|saffronfood|Food distribution|201-500|United Kingdom|Leicester|food
Riverbend Dairy|riverbenddairy|Food distribution|201-500|United States|Madison|dairy
Coastal Crate Meals|coastalcrate|Food distribution|11-50|United States|Portland|mealkit
Golden Wheat Distributors|goldenwheat|Food distribution|501-1000|United States|Omaha|food
Fairfield Fresh|fairfieldfresh|Food distribution|51-200|Ireland|Cork|food
Honeycomb Catering Supply|honeycombcs|Food distribution|11-50|United Kingdom|Edinburgh|food
Three Rivers Produce|threeriversproduce|Food distribution|51-200|United States|Pittsburgh|food
Kinsale Cold Chain|kinsalecold|Food distribution|201-500|Ireland|Dublin|coldchain
Palmetto Ice Cream Co|palmettoice|Food distribution|11-50|United States|Charleston|food
Fjordline Distribution|fjorddist|Food distribution|201-500|Norway|Bergen|coldchain
Willowbrook Home Health|willowbrookhh|Healthcare|201-500|United States|Columbus|homehealth
Careline Community Nursing|carelinenursing|Healthcare|51-200|United Kingdom|Nottingham|homehealth
Medivault Lab Couriers|medivault|Healthcare|51-200|United States|Nashville|lab
Riverside Mobility Aids|riversidemobility|Healthcare|11-50|United Kingdom|Norwich|medequip
Beacon Hospice Partners|beaconhospice|Healthcare|201-500|United States|Atlanta|homehealth
Alder Pharmacy Group|alderpharmacy|Healthcare|501-1000|United Kingdom|London|pharmacy
Sunrise Patient Transport|sunrisetransport|Healthcare|51-200|United States|Phoenix|patienttransport
Lumen Diagnostics|lumendx|Healthcare|201-500|United States|Raleigh|lab
Hollybush Care Group|hollybushcare|Healthcare|501-1000|United Kingdom|Leeds|homehealth
Meadowgate Veterinary Group|meadowgatevet|Healthcare|51-200|United Kingdom|Exeter|mobilevet
Keystone Ready-Mix|keystonereadymix|Construction|201-500|United States|Harrisburg|readymix
Blackthorn Scaffolding|blackthornscaff|Construction|51-200|United Kingdom|London|scaffold
Ridgeline Equipment Rental|ridgelinerental|Construction|201-500|United States|Salt Lake City|rental
Forge & Beam Builders|forgebeam|Construction|51-200|United States|Denver|builder
Cairn Aggregates|cairnaggregates|Construction|201-500|United Kingdom|Glasgow|aggregates
Bramble Roofing|brambleroofing|Construction|11-50|United States|Austin|roofing
Greystone Building Supply|greystone|Construction|201-500|United States|Nashville|buildsupply
Tessellate Tile Supply|tessellatetile|Construction|11-50|United Kingdom|Manchester|buildsupply
Quarryhill Plant Hire|quarryhill|Construction|51-200|United Kingdom|Cardiff|rental
Homestead Furniture Outlet|homesteadfurniture|Retail|201-500|United States|Charlotte|furniture
Pantry Market Grocers|pantrymarket|Retail|501-1000|United States|Minneapolis|grocery
Wickham Home & Garden|wickhamhome|Retail|201-500|United Kingdom|Reading|furniture
Nightjar Mattress Co|nightjarmattress|Retail|51-200|United Kingdom|London|furniture
Brightwater Appliances|brightwaterapp|Retail|201-500|United States|Tampa|appliance_retail
Larder & Co|larderco|Retail|51-200|United Kingdom|Bristol|grocery
Big Sky Outdoor Supply|bigskyoutdoor|Retail|51-200|United States|Missoula|store
Juniper Flower Delivery|juniperflowers|Retail|11-50|United States|Seattle|florist
Hawthorn Pet Supplies|hawthornpet|Retail|51-200|United Kingdom|Oxford|grocery
Seabright Wine & Spirits|seabrightwine|Retail|51-200|United States|Sacramento|grocery
Hanseatic Home Delivery|hanseatichome|Retail|1001-5000|Germany|Hamburg|grocery
Evercycle Waste Services|evercycle|Waste management|201-500|United States|Columbus|waste
Greenbin Recycling|greenbin|Waste management|51-200|United Kingdom|Leeds|waste
Clearpath Environmental|clearpathenv|Waste management|51-200|United States|Denver|waste
Skipwell Skip Hire|skipwell|Waste management|11-50|United Kingdom|Bristol|waste
Mercer Medical Waste|mercermedwaste|Waste management|51-200|United States|Baltimore|waste
Pixelforge Games|pixelforge|Gaming|51-200|United States|Seattle|officp
Nebula Arcade Studios|nebulaarcade|Gaming|11-50|United Kingdom|Brighton|officp
Quantum Quest Interactive|quantumquest|Gaming|201-500|Canada|Montreal|officp
Blockvault Exchange|blockvault|Crypto|11-50|United States|Miami|officp
Hashgrove Protocol|hashgrove|Crypto|1-10|United Kingdom|London|officp
Coinmint Wallet|coinmint|Crypto|11-50|United States|Austin|officp
Snapmood|snapmood|Consumer apps|11-50|United States|San Francisco|officp
Dailydew Habits|dailydew|Consumer apps|1-10|United Kingdom|London|officp
Streakly|streakly|Consumer apps|11-50|United States|New York|officp
Tinsel & Thread Marketing|tinselthread|Marketing|11-50|United Kingdom|Manchester|officp
Loudbird Media|loudbird|Media|51-200|United States|Los Angeles|officp
Ledgerly Finance|ledgerly|Fintech|51-200|United Kingdom|London|officp
Palisade Wealth Partners|palisadewealth|Financial services|11-50|United States|Boston|officp
Brightpath Tutoring|brightpathtutor|Education|11-50|United States|Austin|officp
Velvet Fern Yoga|velvetfern|Wellness|1-10|United States|Boulder|officp
Waypointly|waypointly|Software|51-200|United States|Boston|competitor
DispatchHive|dispatchhive|Software|201-500|United Kingdom|London|competitor
Routenest|routenest|Software|11-50|Canada|Toronto|competitor
"""

UNIVERSITIES = [
    ("State University", "stateu.edu", "United States", "Austin"),
    ("Northfield University", "northfield.edu", "United States", "Minneapolis"),
    ("Lakeside Technical College", "lakesidetech.edu", "United States", "Chicago"),
    ("Riverside Community College", "riversidecc.edu", "United States", "Sacramento"),
]

# Small businesses whose owners write from free-mail addresses (no company domain).
FREEMAIL_BUSINESSES = [
    ("Lone Star Family Plumbing", "Field services", "1-10", "United States", "San Antonio"),
    ("Two Rivers Moving", "Logistics", "1-10", "United States", "Columbus"),
    ("Aire Valley Courier", "Logistics", "1-10", "United Kingdom", "Leeds"),
    ("Sunny Side Lawn Care", "Field services", "11-50", "United States", "Tampa"),
    ("Midlands Cash & Carry", "Wholesale", "11-50", "United Kingdom", "Leicester"),
    ("Golden Spoon Catering", "Food distribution", "11-50", "United States", "Houston"),
    ("Hillside Septic Services", "Field services", "1-10", "United States", "Nashville"),
    ("Abbey Road Removals", "Logistics", "1-10", "United Kingdom", "Bristol"),
]

ICP_KINDS_FLEET = {"3pl", "courier", "moving", "wholesale", "beverage", "food", "bakery", "dairy",
                   "mealkit", "coldchain", "readymix", "scaffold", "rental", "aggregates",
                   "buildsupply", "furniture", "grocery", "appliance_retail", "store", "florist",
                   "waste", "lab", "pharmacy", "patienttransport", "medequip"}
ICP_KINDS_FIELD = {"hvac", "pest", "plumbing", "elevator", "fire", "facilities", "appliance",
                   "landscaping", "pool", "electrical", "security", "cleaning", "homehealth",
                   "mobilevet", "builder", "roofing"}

FIT_WHY = {
    "3pl": "Regional 3PL, {staff} staff, runs {fleet} trucks daily from {depots} depots",
    "courier": "Same-day courier, {staff} staff, {fleet} vans across {city}",
    "moving": "Moving company, {fleet} trucks, crews booked in half-day slots",
    "hvac": "HVAC contractor, {fleet} field techs doing ~{jobs} calls a day",
    "plumbing": "Plumbing firm with {fleet} vans on emergency and planned jobs",
    "pest": "Pest control, {fleet} technicians on recurring monthly routes",
    "elevator": "Lift maintenance, {fleet} engineers covering {sites} sites",
    "fire": "Fire-safety inspections, {fleet} inspectors on scheduled rounds",
    "facilities": "Facilities services, {fleet} mobile engineers across {sites} client sites",
    "appliance": "Appliance repair, {fleet} techs promising 2-hour arrival windows",
    "landscaping": "Landscaping, {fleet} crews on weekly recurring routes",
    "pool": "Pool service, {fleet} techs on weekly recurring routes",
    "electrical": "Electrical contractor, {fleet} vans on planned maintenance contracts",
    "security": "Alarm installs and servicing, {fleet} field techs",
    "cleaning": "Commercial window cleaning, {fleet} crews on fixed rounds",
    "wholesale": "Wholesale distributor, {staff} staff, {fleet} delivery trucks",
    "beverage": "Beverage distributor, {fleet} trucks serving ~{stops} bars and shops",
    "food": "Foodservice distributor, {fleet} refrigerated trucks, ~{stops} drops a day",
    "bakery": "Bakery supplier, {fleet} vans doing early-morning drops to ~{stops} cafes",
    "dairy": "Dairy with {fleet} trucks on fixed daily milk runs",
    "mealkit": "Meal-kit delivery, {fleet} vans on evening delivery windows",
    "coldchain": "Cold-chain distributor, {fleet} reefer trucks from {depots} depots",
    "homehealth": "Home health provider, {fleet} visiting nurses scheduled daily",
    "lab": "Lab courier, {fleet} drivers collecting specimens from ~{stops} clinics",
    "medequip": "Mobility aids supplier, {fleet} vans delivering and servicing kit",
    "pharmacy": "Pharmacy chain, home delivery from {depots} branches with {fleet} drivers",
    "patienttransport": "Non-emergency patient transport, {fleet} vehicles, timed pickups",
    "mobilevet": "Mobile vet group, {fleet} vets on farm and home-visit rounds",
    "readymix": "Ready-mix concrete, {fleet} mixer trucks with tight pour windows",
    "scaffold": "Scaffolding contractor, {fleet} flatbeds serving {sites} live sites",
    "rental": "Equipment rental, {fleet} delivery and collection trucks",
    "builder": "General contractor moving {fleet} crews across {sites} live sites",
    "aggregates": "Aggregates supplier, {fleet} tippers from {depots} quarries",
    "roofing": "Roofing contractor, {fleet} crews, storm-season surges",
    "buildsupply": "Builders' merchant, {fleet} trucks on same-day site deliveries",
    "furniture": "Furniture retailer with own two-person delivery teams, {fleet} vans",
    "grocery": "Grocer running home delivery, {fleet} vans from {depots} stores",
    "appliance_retail": "Appliance retailer, {fleet} delivery-and-install vans",
    "store": "Outdoor retailer, {depots} stores, delivers bulky items locally with {fleet} vans",
    "florist": "Florist, {fleet} vans, big peaks around Valentine's and Mother's Day",
    "waste": "Waste collection, {fleet} trucks on scheduled collection routes",
}

NOT_FIT_WHY = {
    "Gaming": ["Game studio; no fleet, drivers or field staff",
               "Makes mobile games; nothing to route"],
    "Crypto": ["Crypto exchange; no physical operations", "Token project, 4 people, no field ops"],
    "Consumer apps": ["Consumer app startup; no field operations",
                      "Habit-tracking app; office-based team only"],
    "Marketing": ["Marketing agency; office-based, no deliveries"],
    "Media": ["Media company; no vehicles or field teams"],
    "Fintech": ["Fintech, fully remote; no field ops"],
    "Financial services": ["Wealth manager; no deliveries or field staff"],
    "Education": ["Online tutoring; no vehicles or routes"],
    "Wellness": ["Single yoga studio; nothing to route"],
    "Software": ["Sells route-planning software; a competitor"],
}

SMALL_NOT_FIT = ["Only 2 vans; below our 10-vehicle floor",
                 "Owner-operator with one truck; too small for us",
                 "Outsources all deliveries to a courier; no own fleet"]

# Title -> why it matters. Some use {fleet}.
REL_COMMON = {
    "Head of Operations": "Head of Operations owns dispatch tooling",
    "VP Operations": "VP Operations holds the budget for ops software",
    "Operations Manager": "Runs day-to-day scheduling and dispatch",
    "Chief Operating Officer": "COO signs off on operations software spend",
    "General Manager": "GM owns the P&L, including fleet costs",
}
REL_SMALL = {
    "Owner": "Owner makes every software purchase and still plans the routes",
    "Founder & CEO": "Founder; owns the budget and approves tools",
}
REL_FLEET = {
    "Fleet Manager": "Fleet Manager plans routes for all {fleet} vehicles",
    "Dispatch Manager": "Dispatch Manager builds the daily routes by hand",
    "Transport Manager": "Transport Manager responsible for the daily route plan",
    "Distribution Manager": "Owns outbound delivery planning",
    "Logistics Coordinator": "Builds routes daily; key user and influencer",
    "Head of Supply Chain": "Head of Supply Chain sponsors routing projects",
    "Director of Logistics": "Runs logistics and chose the current routing tool",
    "Delivery Operations Lead": "Leads the delivery team; feels the routing pain daily",
}
REL_FIELD = {
    "Field Service Manager": "Schedules the {fleet} technicians every morning",
    "Service Operations Director": "Owns technician scheduling across regions",
    "Scheduling Lead": "Assigns the daily jobs to {fleet} field staff",
    "Director of Field Operations": "Owns field productivity targets and tooling",
}
REL_HEALTH = {
    "Care Coordination Manager": "Schedules nurse visits; owns the rostering tool",
    "Clinical Operations Manager": "Owns visit scheduling and travel-time targets",
}
NOT_REL = {
    "Marketing Coordinator": "Marketing role; no say in ops tooling",
    "HR Business Partner": "HR; not involved in dispatch or routing",
    "Software Engineer": "Engineer on the web shop; not a buyer or user",
    "Accounts Payable Clerk": "Finance clerk; no buying role",
    "Graphic Designer": "Design role; unrelated to operations",
    "Recruiter": "Talent team; no role in operations",
    "Social Media Manager": "Social media role; no ops responsibility",
    "Customer Success Associate": "Junior customer-facing role; no influence on ops tools",
}
UNKNOWN_TITLES = ["Project Manager", "Business Analyst", "IT Manager", "Procurement Specialist",
                  "Finance Director", "Associate", "Coordinator", "Manager",
                  "Executive Assistant", "Continuous Improvement Lead"]
OFFICP_TITLES = ["Product Manager", "Head of Growth", "Community Manager", "Lead Game Designer",
                 "Blockchain Engineer", "CTO", "Founder", "Marketing Director",
                 "Content Strategist", "Data Scientist"]

INTENT_DETAIL = {
    "demo_request": ["Requested a demo; mentioned {depots} depots",
                     "Booked a demo on the site; wants to see the driver app",
                     "Demo form note: 'need to cut overtime on routes'",
                     "Asked for a demo covering time windows and proof of delivery",
                     "Requested a demo for {fleet} {units}"],
    "pricing_page": ["Viewed the pricing page 4 times in a week",
                     "Compared plans on the pricing page for ~{fleet} {units}",
                     "Returned to pricing twice after the trial-limits email"],
    "webinar": ["Attended the 'Cutting Empty Miles' webinar; asked about telematics import",
                "Stayed for the full route-optimisation webinar and the Q&A",
                "Asked about multi-depot planning during webinar Q&A"],
    "content_download": ["Downloaded the route-density guide; opened both follow-ups",
                         "Downloaded the dispatch cost calculator",
                         "Downloaded the '{guide}'"],
    "reply": ["Replied to outbound: 'timing is good, send times'",
              "Replied asking how we handle delivery time windows",
              "Replied: 'we are evaluating tools this quarter'"],
    "referral": ["Referred by the ops director at a current customer",
                 "Intro from our partner at a telematics reseller",
                 "Referred by a customer who shares a depot with them"],
    "event": ["Stopped at our booth at Fleet & Field Expo; asked for pricing",
              "Met at the Regional Distribution Forum; asked for a follow-up call",
              "Booth visit at the Cold Chain Meetup; wants a trial"],
    "research_signal": ["Job post for a route planner on their careers page",
                        "Press release about a new depot",
                        "Posted on LinkedIn about missed delivery windows"],
    "other": ["Called the sales line asking about trial length",
              "Asked about us in a peer group forum thread"],
}

SOURCE_INTENT = {
    "Website form": ["demo_request", "demo_request", "pricing_page"],
    "Webinar": ["webinar"],
    "Content download": ["content_download"],
    "Referral": ["referral"],
    "Event booth": ["event"],
    "Cold outbound": ["reply"],
    "LinkedIn": ["reply", "research_signal"],
    "Purchased list": ["research_signal", "pricing_page", "other"],
}

REASON_NOW = ["Opening a new {base} in {month}",
              "{team} grows from {fleet} to {fleet2} {units} this spring",
              "Current routing tool contract ends next quarter",
              "New COO started last month and is reviewing the ops stack",
              "Won a regional contract that starts next month",
              "Peak-season planning starts in 6 weeks",
              "Driver overtime flagged as the top cost in the quarterly review",
              "Merging two dispatch teams after an acquisition",
              "Lost two dispatchers; must plan routes with fewer people",
              "Complaints about missed delivery windows doubled this quarter",
              "Expanding the service area into a neighbouring region",
              "Board asked for a 10% cut in fuel spend this year",
              "Spreadsheet planning broke down during the last peak",
              "Launching next-day delivery for online orders"]
MONTHS = ["January", "February", "March", "April", "May", "September", "October"]

PAIN_POINTS = {
    False: ["Dispatchers spend ~3 hours a day building routes in spreadsheets",
            "Late deliveries cost about {pct}% of revenue in credits",
            "No live view of drivers; customers call in for ETAs",
            "Driver overtime up 25% since the fleet grew",
            "Cannot keep 2-hour delivery windows consistently",
            "Routes are planned per depot; vans cross each other's areas"],
    True: ["Schedulers spend ~3 hours a day assigning jobs by hand",
           "Field staff average 2 hours a day driving between jobs",
           "Missed arrival windows drive most customer complaints",
           "Emergency call-outs wreck the planned day; no quick re-plan",
           "Overtime up 25% since the team grew"],
}
STAKEHOLDER_ROLES = [("COO", "economic buyer"), ("Finance Director", "signs the contract"),
                     ("IT Manager", "security review"), ("Lead dispatcher", "daily user"),
                     ("Head of Customer Service", "owns ETA complaints")]
NEXT_STEPS = ["Pilot on 2 depots starting next Monday",
              "Security review call with their IT on Thursday",
              "Send a proposal for {fleet} {units} by Friday",
              "Import last month's jobs for a route-savings test",
              "On-site workshop with the dispatch team next week",
              "Reference call with a customer in the same industry",
              "Trial account set up; check-in call in 7 days"]

# Names: (first names, last names) per cultural group; ASCII so emails derive cleanly.
NAME_GROUPS = [
    (["James", "Emily", "Olivia", "Michael", "Hannah", "Liam", "Grace", "Thomas", "Sophie",
      "Daniel", "Rachel", "Connor", "Megan", "Ethan", "Laura", "Callum", "Fiona", "Owen"],
     ["Whitaker", "Holloway", "Brennan", "Caldwell", "Fletcher", "Hughes", "Morrison", "Pryce",
      "Sutton", "Thornton", "Reid", "Gallagher", "Doyle", "Barker", "MacLeod", "Ashworth"]),
    (["Alejandro", "Lucia", "Mateo", "Camila", "Diego", "Valentina", "Javier", "Sofia",
      "Ricardo", "Marisol", "Andres", "Paola", "Esteban", "Gabriela"],
     ["Hernandez", "Castillo", "Morales", "Ortega", "Delgado", "Navarro", "Rojas", "Salazar",
      "Vega", "Mendoza", "Guerrero", "Ibarra", "Fuentes", "Cabrera"]),
    (["Chinedu", "Adaeze", "Kwame", "Ama", "Oluwaseun", "Folake", "Emeka", "Ngozi", "Kofi",
      "Abena", "Tunde", "Yetunde"],
     ["Okafor", "Adeyemi", "Mensah", "Boateng", "Nwosu", "Okonkwo", "Asante", "Balogun", "Eze",
      "Owusu", "Adebayo", "Danso"]),
    (["Priya", "Arjun", "Ananya", "Rohan", "Kavya", "Vikram", "Neha", "Aditya", "Sanjana",
      "Rahul", "Farhan", "Ayesha", "Harpreet", "Gurdeep"],
     ["Sharma", "Iyer", "Patel", "Reddy", "Nair", "Kapoor", "Chowdhury", "Desai", "Menon",
      "Siddiqui", "Bhat", "Rao", "Gill", "Sandhu"]),
    (["Wei", "Mei", "Jun", "Xiaoling", "Hao", "Yan", "Lei", "Jing", "Zhiwei", "Ling"],
     ["Chen", "Wang", "Liu", "Zhang", "Huang", "Zhou", "Lin", "Xu", "Tan", "Guo"]),
    (["Haruto", "Yuki", "Sakura", "Kenji", "Aiko", "Takumi", "Riku", "Naomi"],
     ["Tanaka", "Sato", "Nakamura", "Kobayashi", "Watanabe", "Yamamoto", "Fujita", "Ishikawa"]),
    (["Minjun", "Seoyeon", "Jiwoo", "Hyun", "Soojin", "Dohyun", "Eunji"],
     ["Kim", "Park", "Lee", "Choi", "Jung", "Kang", "Yoon"]),
    (["Linh", "Minh", "Thao", "Quang", "Huong", "Duc"],
     ["Nguyen", "Tran", "Pham", "Le", "Vu", "Dang"]),
    (["Omar", "Layla", "Yousef", "Noor", "Karim", "Rania", "Tariq", "Samira", "Hassan", "Leila"],
     ["Haddad", "Khalil", "Mansour", "Nasser", "Saleh", "Aziz", "Farouk", "Hamdan"]),
    (["Katarzyna", "Piotr", "Agnieszka", "Tomasz", "Marta", "Pavel", "Milena", "Bogdan",
      "Irena", "Luka"],
     ["Nowak", "Novak", "Horvat", "Kovac", "Kaczmarek", "Wojcik", "Mazur", "Krol", "Dvorak"]),
    (["Astrid", "Lars", "Ingrid", "Erik", "Sigrid", "Magnus", "Freya", "Nils"],
     ["Lindqvist", "Johansson", "Berg", "Halvorsen", "Nilsen", "Dahl", "Eriksen", "Sandberg"]),
    (["Lukas", "Anna", "Jonas", "Lena", "Maarten", "Sanne", "Felix", "Johanna"],
     ["Vogel", "Becker", "Schneider", "de Vries", "van Dijk", "Bakker", "Hoffmann", "Brandt"]),
    (["Giulia", "Marco", "Chiara", "Luca", "Beatriz", "Joao", "Camille", "Julien", "Ines",
      "Rafael"],
     ["Rossi", "Romano", "Ferreira", "Costa", "Lefevre", "Moreau", "Santos", "Bianchi",
      "Esposito", "Almeida"]),
    (["Emre", "Elif", "Zeynep", "Can", "Dariush", "Shirin", "Arash", "Parisa"],
     ["Yilmaz", "Demir", "Kaya", "Aydin", "Tehrani", "Karimi", "Rahimi", "Sadeghi"]),
    (["Maricel", "Jericho", "Rowena", "Paolo", "Liza", "Ramon"],
     ["Dela Cruz", "Reyes", "Bautista", "Mercado", "Villanueva", "Aquino"]),
    (["Noa", "Eitan", "Tamar", "Avi", "Yael"],
     ["Levi", "Cohen", "Mizrahi", "Friedman", "Peretz"]),
    (["Aroha", "Tane", "Mere", "Wiremu"],
     ["Ngata", "Parata", "Tipene", "Walker"]),
    (["Selam", "Dawit", "Hana", "Yonas", "Amina", "Baraka", "Wanjiru", "Achieng"],
     ["Tesfaye", "Bekele", "Haile", "Kariuki", "Mwangi", "Otieno", "Abebe", "Omondi"]),
]
GROUP_WEIGHTS = [14, 10, 8, 10, 6, 4, 4, 3, 6, 5, 4, 5, 6, 4, 3, 2, 2, 4]

UNICODE_NAMES = ["Chloé Marchand", "Zoë Ødegaard"]

# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------
BAND_RANGE = {"1-10": (3, 10), "11-50": (14, 48), "51-200": (55, 195), "201-500": (210, 490),
              "501-1000": (520, 980), "1001-5000": (1100, 4200)}


def ascii_fold(text):
    text = text.replace("ø", "o").replace("Ø", "O").replace("æ", "ae").replace("Æ", "Ae")
    norm = unicodedata.normalize("NFKD", text)
    return "".join(c for c in norm if not unicodedata.combining(c))


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(text).lower()).strip("-")


def squash(text):
    return re.sub(r"[^a-z0-9]", "", ascii_fold(text).lower())


class Company:
    def __init__(self, line):
        (self.name, stem, self.industry, self.employees, self.country, self.city,
         self.kind) = line.split("|")
        self.domain = stem + ".example"
        lo, hi = BAND_RANGE[self.employees]
        self.staff = rng.randint(lo, hi)
        ratio = rng.uniform(0.18, 0.45)
        self.fleet = max(4, min(380, int(self.staff * ratio)))
        self.depots = max(1, min(12, self.staff // 120 + rng.randint(1, 2)))
        self.sites = rng.choice([40, 60, 85, 120, 150, 220, 300])
        self.stops = self.fleet * rng.choice([6, 8, 10, 12])
        self.jobs = self.fleet * rng.choice([4, 5, 6])
        self.email_format = rng.choice(["first.last", "first.last", "flast", "first", "firstl"])
        self.is_icp = self.kind in FIT_WHY
        self.is_field = self.kind in ICP_KINDS_FIELD

    def facts(self):
        return dict(staff=self.staff, fleet=self.fleet, depots=self.depots, sites=self.sites,
                    stops=self.stops, jobs=self.jobs, city=self.city,
                    fleet2=self.fleet + max(5, self.fleet // 3), month=rng.choice(MONTHS),
                    pct=rng.choice([2, 3, 4, 5]),
                    units="field staff" if self.is_field else "vehicles",
                    team="Field team" if self.is_field else "Fleet",
                    base="branch" if self.is_field else "depot",
                    guide=("Field Service Scheduling Playbook" if self.is_field
                           else "Multi-Drop Delivery Planning Guide"))


COMPANIES = [Company(line) for line in COMPANY_TABLE.strip().splitlines()]
ICP_COS = [c for c in COMPANIES if c.is_icp]
OFFICP_COS = [c for c in COMPANIES if c.kind == "officp"]
COMPETITORS = [c for c in COMPANIES if c.kind == "competitor"]
BY_STEM = {c.domain.split(".")[0]: c for c in COMPANIES}

used_names = list(UNICODE_NAMES)
used_emails = []
used_phones = []


def new_name():
    while True:
        first_names, last_names = rng.choices(NAME_GROUPS, weights=GROUP_WEIGHTS)[0]
        name = rng.choice(first_names) + " " + rng.choice(last_names)
        if name not in used_names:
            used_names.append(name)
            return name


def split_name(name):
    first, _, last = name.partition(" ")
    return first, last


def personal_email(name, domain, fmt):
    first, last = split_name(name)
    f, l = squash(first), squash(last)
    local = {"first.last": f"{f}.{l}", "flast": f"{f[0]}{l}", "first": f,
             "firstl": f"{f}{l[0]}"}[fmt]
    return unique_email(local, domain)


def unique_email(local, domain):
    email = f"{local}@{domain}"
    n = 2
    while email.lower() in used_emails:
        email = f"{local}{n}@{domain}"
        n += 1
    used_emails.append(email.lower())
    return email


def linkedin(name, p=0.75):
    if rng.random() >= p:
        return ""
    return f"https://www.linkedin.com/in/{slug(name)}-example"


def phone_for(country, p=0.7):
    if rng.random() >= p:
        return ""
    if country == "United States":
        pool = [f"+1 512 555 01{n:02d}" for n in range(100)]
    elif country == "United Kingdom":
        pool = [f"+44 20 7946 0{n:03d}" for n in range(1000)]
    else:
        return ""
    free = [p for p in pool if p not in used_phones]
    if not free:
        return ""
    phone = rng.choice(free)
    used_phones.append(phone)
    return phone


def blank_row():
    return {c: "" for c in COLUMNS}


def base_row(name, company, title, source, owner, created, email=None):
    r = blank_row()
    r["name"] = name
    r["title"] = title
    r["company"] = company.name
    r["domain"] = company.domain
    r["industry"] = company.industry
    r["employees"] = company.employees
    r["country"] = company.country
    r["city"] = company.city
    r["email"] = email if email is not None else personal_email(name, company.domain,
                                                                  company.email_format)
    r["phone"] = phone_for(company.country)
    r["linkedin_url"] = linkedin(name)
    r["source"] = source
    r["owner"] = owner
    r["created_days_ago"] = created
    r["outcome"] = "lead"
    return r


def relevant_titles(company):
    titles = dict(REL_COMMON)
    if company.employees in ("1-10", "11-50"):
        titles.update(REL_SMALL)
    if company.industry == "Healthcare":
        titles.update(REL_HEALTH)
    titles.update(REL_FIELD if company.is_field else REL_FLEET)
    return titles


def pick_relevant(company):
    titles = relevant_titles(company)
    title = rng.choice(list(titles))
    return title, titles[title].format(**company.facts())


def set_fit(r, company, why=True):
    r["icp_fit"] = "fit"
    r["icp_fit_why"] = FIT_WHY[company.kind].format(**company.facts()) if why else ""


def set_not_fit(r, company):
    r["icp_fit"] = "not_fit"
    if company.industry in NOT_FIT_WHY:
        r["icp_fit_why"] = rng.choice(NOT_FIT_WHY[company.industry])
    else:
        r["icp_fit_why"] = rng.choice(SMALL_NOT_FIT)


def set_role(r, why_text, why=True):
    r["role_relevance"] = "relevant"
    r["role_relevance_why"] = why_text if why else ""


def set_intent(r, company, detail=True, source=None):
    src = source or rng.choice(SOURCE_INTENT[r["source"]])
    r["intent_source"] = src
    r["intent_detail"] = rng.choice(INTENT_DETAIL[src]).format(**company.facts()) if detail else ""


def set_reason(r, company, days):
    r["reason_now"] = rng.choice(REASON_NOW).format(**company.facts())
    r["reason_now_days_ago"] = days


def unknown_or_blank():
    return rng.choice(["", "", "unknown"])


def pick_owner(p_owned):
    return rng.choice(OWNERS) if rng.random() < p_owned else ""


def stakeholder_text(company):
    roles = rng.sample(STAKEHOLDER_ROLES, rng.choice([2, 2, 3]))
    parts = []
    for title, role in roles:
        parts.append(f"{new_name()} ({title}, {role})")
    return "; ".join(parts)


QUALIFIED_SOURCES = ["Website form", "Website form", "Webinar", "Referral", "Event booth",
                     "Content download", "Cold outbound", "LinkedIn"]
RAW_SOURCES = ["Purchased list", "Purchased list", "Purchased list", "LinkedIn", "Cold outbound",
               "Event booth", "Content download", "Website form", "Webinar"]

rows = []      # list of (class, row)


def add(cls, row):
    rows.append((cls, row))
    return row


def icp_company():
    return rng.choice(ICP_COS)


def qualified_row(cls, name=None, company=None, fresh=True):
    """A row with all four gate items satisfied (reason now within PROMOTE_WINDOW)."""
    company = company or icp_company()
    name = name or new_name()
    title, why = pick_relevant(company)
    source = rng.choice(QUALIFIED_SOURCES)
    r = base_row(name, company, title, source, pick_owner(0.9), rng.randint(0, 60))
    set_fit(r, company)
    set_role(r, why)
    set_intent(r, company)
    set_reason(r, company, rng.randint(0, PROMOTE_WINDOW) if fresh else rng.randint(35, 90))
    return add(cls, r), company


# --------------------------------------------------------------------------------------------
# Build the rows, class by class
# --------------------------------------------------------------------------------------------

# 45 complete leads, ready to promote; one carries a Unicode name.
for i in range(45):
    if i == 7:
        qualified_row("complete", name=UNICODE_NAMES[0], company=BY_STEM["rhonevalley"])
    else:
        qualified_row("complete")

# 70 rows missing exactly one item.
MISSING = ([("fit_no_why", 12), ("relevant_no_why", 12), ("no_intent_source", 12),
            ("intent_no_detail", 11), ("stale_reason_now", 12), ("no_reason_now", 11)])
for kind, count in MISSING:
    for i in range(count):
        name = None
        company = None
        if kind == "no_reason_now" and i == 3:
            name, company = UNICODE_NAMES[1], BY_STEM["fjorddist"]
        r, company = qualified_row("missing_one:" + kind, name=name, company=company)
        r["created_days_ago"] = rng.randint(0, 100)
        if kind == "fit_no_why":
            r["icp_fit_why"] = ""
        elif kind == "relevant_no_why":
            r["role_relevance_why"] = ""
        elif kind == "no_intent_source":
            r["intent_source"] = r["intent_detail"] = ""
        elif kind == "intent_no_detail":
            r["intent_detail"] = ""
        elif kind == "stale_reason_now":
            r["reason_now_days_ago"] = rng.randint(35, 90)
        elif kind == "no_reason_now":
            r["reason_now"] = r["reason_now_days_ago"] = ""

# 84 raw leads with little or no evidence.
RAW = [("blank", 46), ("one_item", 18), ("two_items", 6), ("off_icp_marked", 8),
       ("not_relevant_marked", 6)]
for kind, count in RAW:
    for _ in range(count):
        if kind == "off_icp_marked" or (kind == "blank" and rng.random() < 0.25):
            company = rng.choice(OFFICP_COS)
        else:
            company = icp_company()
        name = new_name()
        if kind == "not_relevant_marked":
            title = rng.choice(list(NOT_REL))
        elif company.kind == "officp":
            title = rng.choice(OFFICP_TITLES)
        else:
            pool = list(relevant_titles(company)) + UNKNOWN_TITLES + list(NOT_REL)[:3]
            title = rng.choice(pool)
        r = base_row(name, company, title, rng.choice(RAW_SOURCES), pick_owner(0.3),
                     rng.randint(0, 120))
        r["icp_fit"], r["role_relevance"] = unknown_or_blank(), unknown_or_blank()
        if kind in ("one_item", "two_items"):
            items = rng.sample(["fit", "role", "intent", "reason"], 1 if kind == "one_item" else 2)
            for item in items:
                if item == "fit":
                    set_fit(r, company)
                elif item == "role":
                    t, why = pick_relevant(company)
                    r["title"] = t
                    set_role(r, why)
                elif item == "intent":
                    set_intent(r, company)
                else:
                    set_reason(r, company, rng.randint(0, 60))
        elif kind == "off_icp_marked":
            set_not_fit(r, company)
        elif kind == "not_relevant_marked":
            r["role_relevance"] = "not_relevant"
            r["role_relevance_why"] = NOT_REL[title]
        # Raw data is patchy.
        for col, p in (("title", 0.08), ("industry", 0.15), ("employees", 0.2), ("city", 0.1),
                       ("linkedin_url", 0.3)):
            if rng.random() < p:
                r[col] = ""
        add("raw:" + kind, r)

# 20 generic inboxes at company domains; 3 disqualified.
ROLE_NAMES = {"info": "Info Desk", "sales": "Sales Team", "hello": "Front Office",
              "contact": "Customer Service", "office": "Office Team"}
for i in range(20):
    company = icp_company() if i < 17 else rng.choice(ICP_COS + OFFICP_COS)
    free_locals = [g for g in GENERIC_LOCALS if f"{g}@{company.domain}" not in used_emails]
    preferred = GENERIC_LOCALS[i % len(GENERIC_LOCALS)]
    local = preferred if preferred in free_locals else free_locals[0]
    email = unique_email(local, company.domain)
    # A person filled in a form with a shared address, or a list row with no person at all.
    name = new_name() if i % 5 != 0 and i % 7 != 0 else ROLE_NAMES[local]
    title = rng.choice(["", "", "Office Manager", "Operations", "Sales", "Administrator"])
    if name in ROLE_NAMES.values():
        title = ""
    r = base_row(name, company, title,
                 rng.choice(["Website form", "Purchased list", "Content download", "Webinar"]),
                 pick_owner(0.3), rng.randint(0, 120), email=email)
    r["linkedin_url"] = ""
    r["phone"] = phone_for(company.country, 0.5)
    if rng.random() < 0.35 and company.is_icp:
        set_fit(r, company)
    if rng.random() < 0.4:
        set_intent(r, company)
    if i >= 17:
        r["outcome"], r["reason_code"] = "disqualified", "generic_inbox"
        r["outcome_note"] = rng.choice(["", "Shared inbox; no named contact",
                                        "Bounced to a ticketing system"])
    add("generic_inbox", r)

# 12 students with .edu addresses; 3 disqualified.
STUDENT_TITLES = ["MBA Student", "Graduate Student", "Supply Chain Student",
                  "PhD Candidate, Operations Research", "Undergraduate Research Assistant",
                  "Logistics Management Student"]
for i in range(12):
    uname, udomain, ucountry, ucity = UNIVERSITIES[i % len(UNIVERSITIES)]
    name = new_name()
    first, last = split_name(name)
    email = unique_email(f"{squash(first)}.{squash(last)}", udomain)
    r = blank_row()
    r.update(name=name, email=email, title=STUDENT_TITLES[i % len(STUDENT_TITLES)],
             company=uname, domain=udomain, industry="Education", country=ucountry, city=ucity,
             phone=phone_for(ucountry, 0.3), linkedin_url=linkedin(name, 0.6),
             source=rng.choice(["Content download", "Webinar", "Website form"]),
             owner=pick_owner(0.2), created_days_ago=rng.randint(0, 120), outcome="lead")
    if r["source"] != "Website form" and rng.random() < 0.6:
        src = {"Content download": "content_download", "Webinar": "webinar"}[r["source"]]
        r["intent_source"] = src
        r["intent_detail"] = rng.choice(["Downloaded for a class project on last-mile costs",
                                         "Asked for data for a thesis on route optimisation",
                                         "Attended as part of a supply chain course"])
    if i % 4 == 1:
        r["role_relevance"], r["role_relevance_why"] = "not_relevant", "Student; no buying role"
    if i >= 9:
        r["outcome"], r["reason_code"] = "disqualified", "student"
        r["outcome_note"] = rng.choice(["", "Thesis research only"])
    add("student", r)

# 12 free-mail addresses, all left as leads.
for i in range(12):
    name = new_name()
    first, last = split_name(name)
    f, l = squash(first), squash(last)
    local = rng.choice([f"{f}.{l}", f"{f}{l}{rng.randint(7, 99)}", f"{f[0]}{l}{rng.randint(1, 9)}"])
    email = unique_email(local, FREEMAIL[i % len(FREEMAIL)])
    r = blank_row()
    if i < len(FREEMAIL_BUSINESSES):
        bname, industry, band, country, city = FREEMAIL_BUSINESSES[i]
        r.update(company=bname, industry=industry, employees=band, country=country, city=city,
                 title=rng.choice(["Owner", "Owner", "Operations Manager", "Co-owner"]))
    elif i < 10:
        company = icp_company()
        r.update(company=company.name, domain=company.domain, industry=company.industry,
                 employees=company.employees, country=company.country, city=company.city,
                 title=rng.choice(["Dispatcher", "Supervisor", "Office Manager"]))
    else:
        r.update(country="United States", title="")
    r.update(name=name, email=email, phone=phone_for(r["country"], 0.5),
             linkedin_url=linkedin(name, 0.4),
             source=rng.choice(["Website form", "Webinar", "Content download", "Event booth"]),
             owner=pick_owner(0.3), created_days_ago=rng.randint(0, 120), outcome="lead")
    if rng.random() < 0.4:
        src = rng.choice(SOURCE_INTENT[r["source"]])
        r["intent_source"] = src
        r["intent_detail"] = rng.choice(["Asked whether there is a plan for 3 vans",
                                         "Wants to know if it works on a phone",
                                         "Asked for a free trial"]) if rng.random() < 0.7 else ""
    add("freemail", r)

# 8 consultants / freelancers; 3 disqualified.
CONSULT_TITLES = ["Independent Consultant", "Freelance Ops Advisor", "Logistics Consultant",
                  "Fractional COO", "Supply Chain Consultant"]
for i in range(8):
    name = new_name()
    first, last = split_name(name)
    firm = rng.choice([f"{last} Advisory", f"{last} Operations Partners",
                       f"{first} {last} Consulting"])
    if len(last) <= 3:
        firm = f"{first} {last} Consulting"
    company = Company(f"{firm}|{squash(firm)}|Consulting|1-10|"
                      f"{rng.choice(['United States', 'United Kingdom'])}|"
                      f"{rng.choice(['Austin', 'Denver', 'London', 'Manchester'])}|consultant")
    if company.country == "United States" and company.city in ("London", "Manchester"):
        company.city = "Chicago"
    if company.country == "United Kingdom" and company.city in ("Austin", "Denver"):
        company.city = "Bristol"
    r = base_row(name, company, CONSULT_TITLES[i % len(CONSULT_TITLES)],
                 rng.choice(["Webinar", "LinkedIn", "Content download", "Referral"]),
                 pick_owner(0.4), rng.randint(0, 120))
    r["icp_fit"] = rng.choice(["", "unknown"])
    if i % 2 == 0:
        r["role_relevance"] = "not_relevant"
        r["role_relevance_why"] = "Advises clients; not a buyer or a user"
    if rng.random() < 0.5:
        set_intent(r, company)
    if i >= 5:
        r["outcome"], r["reason_code"] = "disqualified", "consultant"
        r["outcome_note"] = rng.choice(["", "Wants a partner discount, not a licence"])
    add("consultant", r)

# 18 prospects: complete and fresh; four carry one or two opportunity fields already.
for i in range(18):
    r, company = qualified_row("prospect")
    r["outcome"] = "prospect"
    if i % 5 == 0:
        r["pain_point"] = rng.choice(PAIN_POINTS[company.is_field]).format(**company.facts())
        if i == 10:
            r["stakeholders"] = stakeholder_text(company)

# 6 opportunities: complete, fresh, and the three opportunity items.
for _ in range(6):
    r, company = qualified_row("opportunity")
    r["outcome"] = "opportunity"
    r["owner"] = rng.choice(OWNERS)
    r["pain_point"] = rng.choice(PAIN_POINTS[company.is_field]).format(**company.facts())
    r["stakeholders"] = stakeholder_text(company)
    r["next_step"] = rng.choice(NEXT_STEPS).format(**company.facts())

# 15 nurture rows.
NURTURE = [("no_reason_now", 5), ("stalled", 4), ("no_intent", 3), ("no_role_relevance", 1),
           ("other", 2)]
NURTURE_NOTES = {
    "no_reason_now": ["Happy with spreadsheets until the next budget cycle",
                      "Interested, but nothing changing before next year", ""],
    "stalled": ["No reply after 3 touches", "Went quiet after the demo",
                "Champion left the company"],
    "no_intent": ["Good fit on paper; no engagement yet", ""],
    "no_role_relevance": ["Ask for an intro to the operations lead"],
    "other": ["Budget frozen until the new fiscal year in April",
              "Being acquired; revisit after the deal closes"],
}
for code, count in NURTURE:
    for i in range(count):
        r, company = qualified_row("nurture:" + code, fresh=False)
        r["created_days_ago"] = rng.randint(20, 120)
        r["outcome"], r["reason_code"] = "nurture", code
        if code == "no_reason_now":
            r["reason_now"] = r["reason_now_days_ago"] = ""
        elif code == "no_intent":
            r["intent_source"] = r["intent_detail"] = ""
            r["reason_now"] = r["reason_now_days_ago"] = ""
        elif code == "no_role_relevance":
            r["title"] = "Procurement Specialist"
            r["role_relevance"] = "not_relevant"
            r["role_relevance_why"] = "Procurement; runs tenders but does not own routing"
        note_pool = NURTURE_NOTES[code]
        r["outcome_note"] = note_pool[i % len(note_pool)]

# 10 disqualified for other reasons.
originals = [r for cls, r in rows if cls.startswith(("complete", "missing_one"))]
for code, count in [("not_icp", 3), ("competitor", 2), ("duplicate", 2), ("bad_data", 1),
                    ("opted_out", 1), ("other", 1)]:
    for i in range(count):
        if code in ("not_icp", "competitor"):
            company = rng.choice(OFFICP_COS if code == "not_icp" else COMPETITORS)
            title = rng.choice(OFFICP_TITLES if code == "not_icp" else
                               ["Account Executive", "Product Marketing Manager",
                                "Solutions Engineer"])
            r = base_row(new_name(), company, title, rng.choice(RAW_SOURCES + QUALIFIED_SOURCES),
                         pick_owner(0.6), rng.randint(5, 120))
            set_not_fit(r, company)
            if code == "competitor":
                r["intent_source"] = "demo_request"
                r["intent_detail"] = "Requested a demo with a personal-sounding email signature"
                r["outcome_note"] = "Works at a route-planning vendor; likely competitive research"
            else:
                r["outcome_note"] = rng.choice(["", "No physical operations to route"])
        elif code == "duplicate":
            orig = originals[rng.randrange(len(originals))]
            r = dict(orig)
            local, _, dom = orig["email"].partition("@")
            r["email"] = f"{local.title()}@{dom}"  # same address, different case
            r["source"] = "Webinar" if orig["source"] != "Webinar" else "Content download"
            r["created_days_ago"] = rng.randint(0, max(0, int(orig["created_days_ago"]) - 1))
            for col in ("icp_fit", "icp_fit_why", "role_relevance", "role_relevance_why",
                        "intent_source", "intent_detail", "reason_now", "reason_now_days_ago"):
                r[col] = ""
            r["outcome_note"] = f"Same person as the earlier {orig['source']} lead"
        elif code == "bad_data":
            company = Company("asdf|asdf|Unknown|1-10|United States|Austin|bad")
            r = base_row("Test Test", company, "xxx", "Purchased list", "", rng.randint(0, 120),
                         email=unique_email("test", "asdf.example"))
            r.update(industry="", employees="", city="", phone="", linkedin_url="")
            r["outcome_note"] = "Placeholder record from a list import"
        elif code == "opted_out":
            r, company = qualified_row("tmp", fresh=False)
            rows.pop()
            r["outcome_note"] = "Replied 'please remove me from your list'"
        else:
            r, company = qualified_row("tmp")
            rows.pop()
            r["reason_now"] = r["reason_now_days_ago"] = ""
            r["outcome_note"] = "Shut down its delivery operation last quarter"
        r["outcome"], r["reason_code"] = "disqualified", code
        add("disqualified:" + code, r)

# About 5% of rows have no email: contacts found on LinkedIn or at events, never a person
# whose class depends on the address.
no_email_pool = [r for cls, r in rows if cls.startswith(("raw", "missing_one"))]
for r in rng.sample(no_email_pool, 15):
    used_emails.remove(r["email"].lower())
    r["email"] = ""

# Oldest first, like an export; ties keep a shuffled order.
rng.shuffle(rows)
rows.sort(key=lambda cr: -int(cr[1]["created_days_ago"]))


# The second gate: every opportunity has its pain point's consequence and a timeline, and went
# through a handoff an AE accepted (demo.rs does that); three prospects show the handoff's
# other states: one waiting for the AE, one rejected back to its SDR, one disputed.
# Written after the rest, so the rows above stay exactly as they were.
SECOND_GATE = {
    "Katarzyna Wojcik": ("Two service contracts at risk of penalty clauses this year",
                         "Decision at the operations review in six weeks", "", "", ""),
    "Bogdan Novak": ("Margin on fixed rounds fell below target for two quarters",
                     "Board approves ops tooling at the January meeting", "", "", ""),
    "Jiwoo Lee": ("Merged teams cannot share vans, so 4 extra hires are budgeted",
                  "Trial in December, decision before the merger completes", "", "", ""),
    "Neha Iyer": ("Fuel and overtime are the two costs the board named for cuts",
                  "Pilot on one depot, then a decision in Q1", "", "", ""),
    "Andres Castillo": ("Overtime cost is the main reason the new COO is reviewing tools",
                        "Proposal this week; COO decides within the month", "", "", ""),
    "Tariq Saleh": ("Call-centre staff spend half their day answering ETA calls",
                    "Wants it live before peak season, six weeks out", "", "", ""),
    "Lucia Morales": ("Late deliveries cost them two B2B accounts last quarter",
                      "Wants routing live before the May depot opens", "sent",
                      "Ready for a scoping call", ""),
    "Paola Ibarra": ("Complaints put a maintenance contract renewal at risk",
                     "Evaluating tools this quarter", "rejected:no_budget_path",
                     "Budget sits with the regional director; nobody has spoken to them",
                     "Paola Ibarra (Operations Manager, day-to-day sponsor)"),
    "Sofia Vega": ("Missed windows mean re-collections, about 40 a week",
                   "Wants a plan before the new vehicles arrive", "disputed:missing_reason_now",
                   "The fleet growth is this spring: that is the reason now",
                   "Sofia Vega (Transport Manager, daily user); "
                   "Marcus Hale (Regional Director, budget holder)"),
}
for _, r in rows:
    r.update(pain_consequence="", timeline="", handoff="", handoff_note="")
    extra = SECOND_GATE.get(r["name"])
    if extra is None:
        continue
    consequence, timeline, handoff, note, people = extra
    r.update(pain_consequence=consequence, timeline=timeline, handoff=handoff,
             handoff_note=note)
    if people:
        r["stakeholders"] = people

# --------------------------------------------------------------------------------------------
# Write
# --------------------------------------------------------------------------------------------
with open(OUT, "w", encoding="utf-8", newline="") as fh:
    w = csv.DictWriter(fh, fieldnames=COLUMNS, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    w.writeheader()
    for _, r in rows:
        w.writerow({k: str(v) for k, v in r.items()})


# --------------------------------------------------------------------------------------------
# Validate what was written
# --------------------------------------------------------------------------------------------
class Invalid(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise Invalid(msg)


def items(r):
    """Which of the four prospect-gate items a row satisfies (reason now within 30 days)."""
    out = []
    if r["icp_fit"] == "fit" and r["icp_fit_why"]:
        out.append("icp_fit")
    if r["role_relevance"] == "relevant" and r["role_relevance_why"]:
        out.append("role_relevance")
    if r["intent_source"] and r["intent_detail"]:
        out.append("intent")
    if r["reason_now"] and int(r["reason_now_days_ago"]) <= STALE_AFTER:
        out.append("reason_now")
    return out


with open(OUT, encoding="utf-8", newline="") as fh:
    raw_text = fh.read()
with open(OUT, encoding="utf-8", newline="") as fh:
    reader = csv.reader(fh)
    header = next(reader)
    data = [dict(zip(header, rec)) for rec in reader]

check(header == COLUMNS, f"header mismatch: {header}")
check(len(data) == N_ROWS, f"expected {N_ROWS} rows, got {len(data)}")
check(not raw_text.startswith("\ufeff"), "file must not start with a BOM")
check(not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", raw_text),
      "control characters in file")

PHONE_RE = re.compile(r"^(\+1 512 555 01\d\d|\+44 20 7946 0\d\d\d)$")
LI_RE = re.compile(r"^https://www\.linkedin\.com/in/[a-z0-9-]+-example$")
EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+-]+@([a-z0-9-]+\.(example|edu)|"
                      + "|".join(re.escape(d) for d in FREEMAIL) + ")$")
seen_emails = Counter()
for n, r in enumerate(data, start=2):
    where = f"line {n} ({r['name']})"
    check(len(r) == len(COLUMNS), f"{where}: wrong field count")
    check(r["name"].strip() != "", f"{where}: empty name")
    for col, val in r.items():
        check(val == val.strip(), f"{where}: {col} has surrounding whitespace")
        check("\n" not in val and "\r" not in val, f"{where}: {col} has a line break")
    if r["email"]:
        check(EMAIL_RE.match(r["email"]), f"{where}: bad email {r['email']}")
        seen_emails[r["email"].lower()] += 1
    if r["domain"]:
        check(r["domain"].endswith((".example", ".edu")), f"{where}: bad domain")
    check(r["employees"] in EMPLOYEE_BANDS + [""], f"{where}: employees {r['employees']}")
    check(r["source"] in SOURCES, f"{where}: source {r['source']}")
    check(r["owner"] in OWNERS + [""], f"{where}: owner {r['owner']}")
    check(not r["phone"] or PHONE_RE.match(r["phone"]), f"{where}: phone {r['phone']}")
    check(not r["linkedin_url"] or LI_RE.match(r["linkedin_url"]), f"{where}: linkedin")
    check(r["created_days_ago"].isdigit() and 0 <= int(r["created_days_ago"]) <= 120,
          f"{where}: created_days_ago {r['created_days_ago']}")
    check(r["icp_fit"] in ICP_VALUES, f"{where}: icp_fit {r['icp_fit']}")
    check(r["role_relevance"] in ROLE_VALUES, f"{where}: role_relevance")
    check(r["intent_source"] in INTENT_SOURCES + [""], f"{where}: intent_source")
    check(bool(r["reason_now"]) == bool(r["reason_now_days_ago"]),
          f"{where}: reason_now and reason_now_days_ago must be set together")
    if r["reason_now_days_ago"]:
        check(r["reason_now_days_ago"].isdigit() and 0 <= int(r["reason_now_days_ago"]) <= 90,
              f"{where}: reason_now_days_ago {r['reason_now_days_ago']}")
    check(r["outcome"] in OUTCOMES, f"{where}: outcome {r['outcome']}")
    if r["outcome"] in ("prospect", "opportunity"):
        check(r["icp_fit"] == "fit" and r["icp_fit_why"], f"{where}: needs icp fit + why")
        check(r["role_relevance"] == "relevant" and r["role_relevance_why"],
              f"{where}: needs role relevance + why")
        check(r["intent_source"] and r["intent_detail"], f"{where}: needs intent + detail")
        check(r["reason_now"] and int(r["reason_now_days_ago"]) <= PROMOTE_WINDOW,
              f"{where}: needs a fresh reason now")
    if r["outcome"] == "opportunity":
        check(r["pain_point"] and r["stakeholders"] and r["next_step"],
              f"{where}: opportunity needs pain point, stakeholders and next step")
        check(r["pain_consequence"] and r["timeline"],
              f"{where}: opportunity needs a pain consequence and a timeline")
    elif r["outcome"] != "prospect":
        check(not (r["pain_point"] or r["stakeholders"] or r["next_step"]),
              f"{where}: opportunity fields on a {r['outcome']} row")
    if r["handoff"]:
        check(r["outcome"] == "prospect" and r["pain_point"] and r["stakeholders"],
              f"{where}: a handoff needs a prospect with a pain point and stakeholders")
    if r["outcome"] in ("nurture", "disqualified"):
        check(r["reason_code"] in REASON_CODES, f"{where}: reason_code {r['reason_code']}")
        if r["reason_code"] == "other":
            check(r["outcome_note"], f"{where}: reason other needs a note")
    else:
        check(r["reason_code"] == "" and r["outcome_note"] == "",
              f"{where}: reason/note on an active row")

# Repeated addresses only through a deliberate duplicate row.
for email, k in seen_emails.items():
    if k > 1:
        group = [r for r in data if r["email"].lower() == email]
        check(k == 2 and sum(r["reason_code"] == "duplicate" for r in group) == 1,
              f"unexpected repeated email {email}")

non_ascii = [r["name"] for r in data if not r["name"].isascii()]
check(sorted(non_ascii) == sorted(UNICODE_NAMES), f"non-ASCII names: {non_ascii}")
check(sum(1 for r in data if not r["email"]) == 15, "expected 15 rows without email")

# Per-class checks against the generator's own labels (rows were written in this order).
check([r["name"] for _, r in rows] == [r["name"] for r in data], "row order changed")
for (cls, _), r in zip(rows, data):
    have = items(r)
    if cls == "complete":
        check(len(have) == 4 and int(r["reason_now_days_ago"]) <= PROMOTE_WINDOW
              and r["outcome"] == "lead", f"{r['name']}: complete row not promotable")
    elif cls.startswith("missing_one"):
        check(len(have) == 3 and r["outcome"] == "lead", f"{r['name']}: {cls} has {have}")
    elif cls.startswith("raw"):
        check(len(have) <= 2 and r["outcome"] == "lead", f"{r['name']}: raw row has {have}")
    elif cls == "generic_inbox":
        check(r["email"].split("@")[0] in GENERIC_LOCALS, f"{r['name']}: not a role inbox")
    elif cls == "student":
        check(r["email"].endswith(".edu"), f"{r['name']}: student without .edu")
    elif cls == "freemail":
        check(r["email"].split("@")[1] in FREEMAIL, f"{r['name']}: not free mail")

# --------------------------------------------------------------------------------------------
# Summary
# --------------------------------------------------------------------------------------------
print(f"wrote {os.path.relpath(OUT, os.path.dirname(HERE))}: {len(data)} rows, "
      f"{len(COLUMNS)} columns; validation passed")
print("\nper outcome:")
for k, v in sorted(Counter(r["outcome"] for r in data).items(), key=lambda kv: -kv[1]):
    print(f"  {k:<14}{v:>4}")
print("\nreason codes (nurture/disqualified):")
for k, v in sorted(Counter((r["outcome"], r["reason_code"]) for r in data
                           if r["reason_code"]).items()):
    print(f"  {k[0]:<13}{k[1]:<18}{v:>3}")
CLASS_ORDER = ["complete", "missing_one", "raw", "generic_inbox", "student", "freemail",
               "consultant", "prospect", "opportunity", "nurture", "disqualified"]
print("\nper completeness class (generator label -> outcomes):")
for top in CLASS_ORDER:
    c = Counter(r["outcome"] for cls, r in rows if cls.split(":")[0] == top)
    print(f"  {top:<14}{sum(c.values()):>4}   "
          + ", ".join(f"{k} {c[k]}" for k in OUTCOMES if c[k]))
print("\nsub-classes:")
sub = Counter(cls for cls, _ in rows if ":" in cls)
for k in sorted(sub, key=lambda k: (CLASS_ORDER.index(k.split(":")[0]), k)):
    print(f"  {k:<36}{sub[k]:>3}")
print("\ngate items satisfied, from the data (reason now counts if <= 30 days):")
for k in range(4, -1, -1):
    c = Counter(r["outcome"] for r in data if len(items(r)) == k)
    print(f"  {k} of 4: {sum(c.values()):>4}   " + ", ".join(f"{o} {v}" for o, v in c.items()))
print(f"\nno email: {sum(1 for r in data if not r['email'])}, "
      f"free mail: {sum(1 for r in data if r['email'].split('@')[-1] in FREEMAIL)}, "
      f".edu: {sum(1 for r in data if r['email'].endswith('.edu'))}, "
      f"companies: {len(set(r['company'] for r in data if r['company']))}, "
      f"with phone: {sum(1 for r in data if r['phone'])}, "
      f"with LinkedIn: {sum(1 for r in data if r['linkedin_url'])}")

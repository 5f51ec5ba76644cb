using NewsApi.Data.Entities;

namespace NewsApi.Demo;

/// <summary>
/// One demo article as an editor would write it: authors, tags, source and related articles are named by slug, and
/// the publication time is given relative to the moment of seeding so the demo front page always looks current.
/// </summary>
internal sealed record DemoArticle
{
    public required string Slug { get; init; }
    public required string Title { get; init; }
    public required string Subtitle { get; init; }
    public required string Excerpt { get; init; }
    public required string Body { get; init; }
    public required string[] Authors { get; init; }
    public required string[] Tags { get; init; }
    public string? Source { get; init; }
    public string? SourceUrl { get; init; }
    public bool Featured { get; init; }
    public required string ImageUrl { get; init; }
    public required string ImageAlt { get; init; }
    public required string ImageCaption { get; init; }
    public required string ImageCredit { get; init; }
    public string? CanonicalUrl { get; init; }
    public string? MetaTitle { get; init; }
    public string? MetaDescription { get; init; }
    public ArticleStatus Status { get; init; } = ArticleStatus.Published;

    /// <summary>Hours before the seed time; negative for a scheduled article, null for a draft.</summary>
    public double? HoursAgo { get; init; }

    public string[] Related { get; init; } = [];
}

/// <summary>The demo newsroom's articles, newest first: 25 published, 2 drafts, 2 scheduled and 1 archived.</summary>
internal static class DemoArticles
{
    public static readonly DemoArticle[] All =
    [
        new()
        {
            Slug = "offshore-wind-auction-draws-record-bids",
            Title = "Offshore wind auction draws record bids despite rising costs",
            Subtitle = "Developers offered to build 6.2 gigawatts across four North Sea sites, nearly double the capacity on offer",
            Excerpt = "A government auction for offshore wind drew bids for 6.2 gigawatts, the most since the scheme began, as developers bet that steadier prices will outlast higher turbine and financing costs.",
            Body = """
                Developers bid to build 6.2 gigawatts of offshore wind capacity in this year's government auction, the largest volume since the scheme opened and nearly twice the amount on offer, the energy ministry said on Tuesday.

                The result eases fears that rising turbine prices and higher interest rates had cooled interest in the sector. Last year's round attracted only two bidders after several projects were cancelled mid-construction.

                "The industry told us what it needed — a price that reflects real costs — and it has answered," said Elin Marstrand, the ministry's director of renewable energy.

                ## What changed
                - The ceiling price was raised by 18 percent.
                - Contracts are indexed to inflation for their first five years.
                - Grid connection dates are guaranteed before bids close.

                Winners will be named in six weeks. Analysts expect Skarvik Offshore and Tidewater Energy to take the largest shares.
                """,
            Authors = ["maya-lindqvist"],
            Tags = ["energy", "climate", "business", "europe"],
            Source = "northwind-wire",
            SourceUrl = "https://northwind.example.org/energy/offshore-wind-auction-record-bids",
            Featured = true,
            ImageUrl = "https://images.example.com/demo/offshore-wind-farm.jpg",
            ImageAlt = "Rows of offshore wind turbines in a grey sea under low cloud",
            ImageCaption = "Turbines at an existing wind farm. The four new sites lie further offshore, in deeper water.",
            ImageCredit = "Photo: Ines Marval / Northwind Wire",
            MetaTitle = "Offshore wind auction draws record 6.2 GW of bids",
            MetaDescription = "Developers bid for nearly twice the offshore wind capacity on offer after the government raised the price ceiling and indexed contracts to inflation.",
            HoursAgo = 5.4,
            Related = ["grid-batteries-carry-evening-peak", "heat-pump-sales-double-after-subsidy-overhaul"],
        },
        new()
        {
            Slug = "hospital-network-pauses-ai-triage-tool",
            Title = "Hospital network pauses AI triage tool after audit finds gaps",
            Subtitle = "An internal review found the system under-ranked some heart patients who did not report typical symptoms",
            Excerpt = "A regional hospital network has suspended an AI tool used to sort emergency patients after an audit found it ranked some cardiac cases as less urgent than nurses did.",
            Body = """
                A regional hospital network has suspended an artificial-intelligence tool that helped nurses prioritise emergency patients, after an internal audit found it under-ranked some patients with heart problems.

                The audit reviewed 12,000 cases from the tool's first six months. In 41 of them, patients later diagnosed with a cardiac condition had been given a lower priority by the software than by the nurse on duty. The nurse's judgement took precedence in every case and no patient came to harm, the network said.

                > "The tool was always advisory. But an advisory tool that is wrong in a consistent direction is a risk we are not willing to carry." — Dr. Hanna Koivu, chief medical officer

                The errors were concentrated among women and patients over 75, who are more likely to report fatigue or nausea than chest pain.

                The vendor, Lumen Clinical, said it was working with the network on a revised model. The network said any return would require an independent evaluation.
                """,
            Authors = ["tomas-okafor", "priya-raman"],
            Tags = ["ai", "health", "technology"],
            Featured = true,
            ImageUrl = "https://images.example.com/demo/emergency-department-corridor.jpg",
            ImageAlt = "A nurse walks past a row of cubicles in a hospital emergency department",
            ImageCaption = "Nurses will return to the paper triage checklist while the tool is suspended.",
            ImageCredit = "Photo: Jonas Brekke / Continental Press Agency",
            MetaTitle = "Hospitals pause AI triage tool after audit",
            MetaDescription = "An audit of 12,000 emergency cases found an AI triage tool under-ranked some cardiac patients, mostly women and people over 75.",
            HoursAgo = 20.5,
            Related = ["lawmakers-strike-deal-on-ai-transparency-rules", "explainer-what-ai-transparency-rules-mean-for-app-makers"],
        },
        new()
        {
            Slug = "grid-batteries-carry-evening-peak",
            Title = "Grid batteries carried the evening peak for the first time",
            Subtitle = "For 40 minutes on Thursday, stored solar power met more demand than gas plants, the grid operator says",
            Excerpt = "Battery storage supplied more power than gas during part of Thursday's evening peak, a first for the national grid and a sign of how quickly storage is being built.",
            Body = """
                Batteries supplied more electricity than gas-fired plants for about 40 minutes on Thursday evening, the first time storage has outpaced gas during the daily peak, according to figures published by the grid operator.

                Between 18:20 and 19:00, battery sites discharged up to 3.1 gigawatts, much of it solar power stored earlier in the day. Gas plants supplied 2.8 gigawatts over the same period.

                Storage capacity has tripled in two years as the price of battery cells has fallen. A further 4 gigawatts is under construction.

                Grid engineers cautioned that most batteries run for two to four hours, and that long, windless winter spells will still rely on other sources. "This is a milestone for a summer evening, not a winter week," said Jonas Verhoef, head of system operations.

                The operator publishes generation figures on its [open data portal](https://grid.example.org/data/live).
                """,
            Authors = ["maya-lindqvist"],
            Tags = ["energy", "technology", "climate"],
            ImageUrl = "https://images.example.com/demo/battery-storage-containers.jpg",
            ImageAlt = "White battery containers lined up beside a solar park at dusk",
            ImageCaption = "A 200-megawatt battery site next to a solar park. Storage capacity has tripled in two years.",
            ImageCredit = "Photo: Maya Lindqvist",
            HoursAgo = 30.2,
            Related = ["offshore-wind-auction-draws-record-bids", "chipmaker-breaks-ground-on-renewable-powered-plant"],
        },
        new()
        {
            Slug = "glacier-melt-season-began-three-weeks-early",
            Title = "Glacier melt season began three weeks early, survey finds",
            Subtitle = "Mountain monitoring stations recorded surface melting after a warm, dry spring with little fresh snow",
            Excerpt = "Monitoring stations on twelve alpine glaciers recorded the start of surface melting three weeks earlier than the 20-year average, researchers said.",
            Body = """
                Surface melting on a dozen alpine glaciers began about three weeks earlier than the 20-year average this year, according to a survey by the Alpine Cryosphere Network.

                Thin winter snow left darker ice exposed early in the season. Bare ice absorbs more sunlight than snow, which speeds up melting further.

                "Snow is the glacier's sunscreen," said Dr. Sofia Brandt, a glaciologist who led the fieldwork. "When it goes early, the whole season shifts."

                The network measures ice loss with stakes drilled into the surface and read every two weeks. Last year the glaciers it monitors lost an average of 1.4 metres of thickness.

                The findings matter far beyond the mountains: meltwater feeds rivers that supply drinking water, irrigation and hydropower downstream.
                """,
            Authors = ["priya-raman", "maya-lindqvist"],
            Tags = ["climate", "science"],
            Source = "continental-press-agency",
            SourceUrl = "https://cpa.example.org/science/glacier-melt-season-early",
            ImageUrl = "https://images.example.com/demo/glacier-meltwater.jpg",
            ImageAlt = "Meltwater streams running across grey glacier ice below snow-covered peaks",
            ImageCaption = "Meltwater channels on a glacier surface. Bare ice melts faster than ice protected by snow.",
            ImageCredit = "Image via X/@alpinecryonet",
            HoursAgo = 52.8,
        },
        new()
        {
            Slug = "council-votes-to-make-central-bus-lanes-permanent",
            Title = "Council votes to make central bus lanes permanent",
            Subtitle = "The trial cut peak journey times by six minutes; shop owners had argued it hurt trade",
            Excerpt = "City councillors voted 31 to 19 to keep the bus lanes on the central ring road, after an 18-month trial in which journey times fell and ridership rose.",
            Body = """
                City councillors voted 31 to 19 on Wednesday to make the bus lanes on the central ring road permanent, ending an 18-month trial.

                Figures presented to the council showed average bus journey times across the centre fell by six minutes at peak hours, and weekday ridership on the affected routes rose by 14 percent.

                Some retailers had campaigned against the lanes, saying the loss of parking had reduced footfall. A council-commissioned survey found spending in the area was flat over the trial.

                "We listened to both sides, and the numbers point one way," said councillor Ahmed Farouk, who chairs the transport committee.

                Part of the budget will go on new loading bays for delivery vans. Work is expected to start after the summer.
                """,
            Authors = ["news-desk"],
            Tags = ["transport", "politics"],
            ImageUrl = "https://images.example.com/demo/bus-lane-ring-road.jpg",
            ImageAlt = "A red-painted bus lane with two buses passing a queue of cars",
            ImageCaption = "The ring road bus lanes were introduced as a trial 18 months ago.",
            ImageCredit = "Photo: Rasmus Dahl / City Desk",
            HoursAgo = 75.1,
        },
        new()
        {
            Slug = "open-weight-language-model-tops-reasoning-benchmark",
            Title = "Open-weight language model tops reasoning benchmark, but researchers urge caution",
            Subtitle = "A model from a 40-person lab outscored larger commercial systems on a maths and logic test suite",
            Excerpt = "A language model released with open weights scored highest on a widely used reasoning benchmark, though outside researchers say some test questions may have leaked into its training data.",
            Body = """
                A language model released with openly downloadable weights has taken the top score on a widely followed reasoning benchmark, ahead of several larger commercial systems.

                The model, Fjord-2, was built by the 40-person lab Fjordline and answered 87 percent of the benchmark's maths and logic problems correctly. Its developers say it runs on a single high-end server.

                Independent researchers welcomed the release but questioned the headline number. Several found near-identical versions of benchmark questions in public datasets the lab says it trained on.

                "Benchmarks age quickly once they are on the internet," said Amara Mensah, who studies model evaluation. "The interesting test is how it does on problems written after its training cut-off."

                The lab said it would publish results on a fresh set of problems within a month.
                """,
            Authors = ["tomas-okafor"],
            Tags = ["ai", "technology", "science"],
            Source = "circuit-review",
            SourceUrl = "https://circuitreview.example.org/ai/fjord-2-benchmark",
            ImageUrl = "https://images.example.com/demo/server-racks-blue-light.jpg",
            ImageAlt = "Rows of server racks lit in blue in a data centre",
            ImageCaption = "Fjordline says its model can run on a single server rather than a cluster.",
            ImageCredit = "Image via X/@fjordlinelab",
            HoursAgo = 110.6,
        },
        new()
        {
            Slug = "explainer-what-ai-transparency-rules-mean-for-app-makers",
            Title = "Explainer: what the new AI transparency rules mean for app makers",
            Subtitle = "Labels, disclosures and deadlines — a practical guide for small software companies",
            Excerpt = "The AI transparency deal sets new duties for anyone building with generative models. Here is what changes, who is covered and when.",
            Body = """
                The deal struck this week on AI transparency will touch far more companies than the handful that build large models. Any app that generates images, audio or text for its users may be covered.

                ## Who is affected
                - **Model providers** must publish a summary of their training data.
                - **App makers** that show AI-generated media must label it in a way people can see and machines can read.
                - **Businesses using chatbots** must say so at the start of a conversation.

                ## When
                The rules apply 18 months after the final vote. Smaller companies get an extra six months for machine-readable labels.

                ## What it costs
                Most labelling can be done with existing content-credential standards. Lawyers advising start-ups said the real work is deciding which features count as generated: a photo filter may not, a generated background probably does.

                Read our report on [the deal itself](https://news.example.com/articles/lawmakers-strike-deal-on-ai-transparency-rules).
                """,
            Authors = ["tomas-okafor"],
            Tags = ["ai", "technology", "politics"],
            ImageUrl = "https://images.example.com/demo/phone-ai-label.jpg",
            ImageAlt = "A smartphone screen showing an image with a small 'AI-generated' label in the corner",
            ImageCaption = "Labels must be visible to people and readable by machines.",
            ImageCredit = "Illustration: Noor Haddad / News Desk",
            MetaTitle = "AI transparency rules: what app makers need to know",
            MetaDescription = "Who the new AI labelling and disclosure rules cover, when they apply and what compliance is likely to cost small software companies.",
            HoursAgo = 140.3,
            Related = ["lawmakers-strike-deal-on-ai-transparency-rules"],
        },
        new()
        {
            Slug = "lawmakers-strike-deal-on-ai-transparency-rules",
            Title = "Lawmakers strike deal on AI transparency rules",
            Subtitle = "Companies will have to label AI-generated media and tell customers when they are talking to a chatbot",
            Excerpt = "After overnight negotiations, lawmakers agreed on rules requiring AI-generated images, audio and video to be labelled and chatbots to identify themselves to users.",
            Body = """
                Negotiators for parliament and national governments agreed in the early hours of Friday on rules that will require companies to label images, audio and video generated by artificial intelligence.

                Under the deal, chatbots used in customer service must tell people they are not human at the start of a conversation. Providers of large AI models will also have to publish a summary of the data used to train them.

                "People have a right to know whether they are looking at a photograph or a prediction," said Lena Hartmann, parliament's lead negotiator.

                Industry groups said the labelling requirements were workable but warned that training-data summaries could expose trade secrets. Consumer groups said the deal did too little about deepfakes of private individuals.

                The rules still need a formal vote, expected within two months, and would apply 18 months after that.
                """,
            Authors = ["daniel-brennan", "tomas-okafor"],
            Tags = ["ai", "politics", "europe", "technology"],
            Featured = true,
            ImageUrl = "https://images.example.com/demo/parliament-chamber-night.jpg",
            ImageAlt = "A half-empty parliament chamber late at night, with negotiators gathered around a table",
            ImageCaption = "Talks ran for more than 20 hours before a deal was announced.",
            ImageCredit = "Photo: Pauline Girard / Continental Press Agency",
            MetaTitle = "Deal reached on AI labelling and chatbot disclosure rules",
            MetaDescription = "AI-generated media must be labelled and chatbots must identify themselves under a deal struck after overnight talks.",
            HoursAgo = 150.9,
            Related = ["explainer-what-ai-transparency-rules-mean-for-app-makers", "open-weight-language-model-tops-reasoning-benchmark"],
        },
        new()
        {
            Slug = "satellite-startup-completes-in-orbit-refuelling-test",
            Title = "Satellite start-up completes first in-orbit refuelling test",
            Subtitle = "A servicing craft transferred 12 kilograms of propellant to a target satellite 500 kilometres above Earth",
            Excerpt = "Kestrel Dynamics said its servicing craft docked with a test satellite and pumped propellant across, a step toward extending the life of satellites already in orbit.",
            Body = """
                Kestrel Dynamics said on Monday that its servicing spacecraft had docked with a target satellite and transferred 12 kilograms of propellant, completing what it called the first commercial refuelling test in low Earth orbit.

                The transfer took 47 minutes. The two craft were launched together and separated three weeks ago so engineers could rehearse the approach and docking.

                Refuelling could keep expensive satellites working for years after they would otherwise run dry. Most satellites in high orbits are retired because their tanks are empty, not because their hardware has failed.

                "The pump is the easy part. Docking gently with something moving at seven kilometres a second is the hard part," said chief engineer Ravi Natarajan.

                The company plans a second mission with a paying customer's satellite next year.
                """,
            Authors = ["news-desk"],
            Tags = ["space", "technology", "business"],
            Source = "orbital-daily",
            SourceUrl = "https://orbitaldaily.example.org/servicing/kestrel-refuelling-test",
            CanonicalUrl = "https://orbitaldaily.example.org/servicing/kestrel-refuelling-test",
            Featured = true,
            ImageUrl = "https://images.example.com/demo/satellite-docking.jpg",
            ImageAlt = "A servicing spacecraft with an extended robotic arm approaching a small satellite above the Earth",
            ImageCaption = "An image from the servicing craft's docking camera, seconds before contact.",
            ImageCredit = "Image via X/@kestreldynamics",
            HoursAgo = 180.4,
            Related = ["lunar-lander-mission-slips-to-next-year"],
        },
        new()
        {
            Slug = "night-train-network-adds-three-routes",
            Title = "Night-train network adds three routes for the summer",
            Subtitle = "New sleeper services will link the capital with the coast, the mountains and a neighbouring capital",
            Excerpt = "A cross-border night-train operator will run three new sleeper routes this summer, betting on travellers who want to avoid short-haul flights.",
            Body = """
                Nightline, the cross-border sleeper operator, will run three new routes from next month, bringing its network to eleven lines.

                The new services will run three nights a week at first. Fares start at 49 euros for a seat and 129 euros for a bed in a shared compartment.

                Demand has grown faster than the operator can add carriages. Last summer its trains were 91 percent full on average, and several routes sold out weeks ahead.

                "Our limit is not passengers, it is rolling stock," said managing director Katrin Vos. The company has ordered 30 sleeper cars, but the first will not arrive for two years.

                Rail groups want governments to cut track-access charges for night trains, which pay the same fees as daytime services while carrying fewer passengers.
                """,
            Authors = ["daniel-brennan"],
            Tags = ["transport", "europe", "climate"],
            ImageUrl = "https://images.example.com/demo/sleeper-train-platform.jpg",
            ImageAlt = "Passengers with suitcases boarding a blue sleeper train at a station platform at night",
            ImageCaption = "Nightline's trains ran 91 percent full on average last summer.",
            ImageCredit = "Photo: Katja Strom / Nightline",
            HoursAgo = 230.7,
        },
        new()
        {
            Slug = "central-bank-holds-rates-signals-patience",
            Title = "Central bank holds rates and signals patience on inflation",
            Subtitle = "Policymakers kept the main rate at 3.25 percent and said services prices were still rising too fast",
            Excerpt = "The central bank left its main interest rate unchanged for a third meeting, saying inflation was falling but not yet fast enough to justify a cut.",
            Body = """
                The central bank left its main interest rate at 3.25 percent on Thursday, the third meeting in a row without a change.

                Headline inflation fell to 2.6 percent last month, but prices for services, from haircuts to insurance, rose 4.1 percent on the year. Policymakers said they wanted to see wage growth slow before lowering borrowing costs.

                "We are closer to the end of this journey than the beginning, but we are not there yet," the bank's governor told reporters.

                Markets had expected the decision. Traders still see a cut before the end of the year as more likely than not.

                The bank publishes new forecasts at its next meeting in six weeks.
                """,
            Authors = ["news-desk"],
            Tags = ["business", "europe"],
            Source = "continental-press-agency",
            SourceUrl = "https://cpa.example.org/economy/central-bank-holds-rates",
            ImageUrl = "https://images.example.com/demo/central-bank-facade.jpg",
            ImageAlt = "The stone facade of the central bank building with flags outside",
            ImageCaption = "The bank has held rates at 3.25 percent since the start of the year.",
            ImageCredit = "Photo: Marco Bellini / Continental Press Agency",
            HoursAgo = 270.2,
        },
        new()
        {
            Slug = "measles-cases-rise-as-vaccination-rates-dip",
            Title = "Measles cases rise in three regions as vaccination rates dip",
            Subtitle = "Health officials are opening walk-in clinics after 84 cases were confirmed in two months",
            Excerpt = "Public health officials confirmed 84 measles cases in three regions over two months and are opening walk-in clinics for children who missed doses.",
            Body = """
                Health officials have confirmed 84 cases of measles in three regions over the past two months, the highest number in a decade, and are opening walk-in clinics to vaccinate children who missed doses.

                Most cases are in children under ten. Eleven people have been treated in hospital; none has died.

                Coverage for the second dose of the vaccine has fallen to 88 percent nationally, below the 95 percent needed to stop outbreaks spreading.

                ### What parents should know
                1. Two doses of the vaccine give about 97 percent protection.
                2. It is never too late to catch up on a missed dose.
                3. Symptoms start with fever, cough and red eyes; the rash follows a few days later.

                "Measles is one of the most contagious diseases we know," said Dr. Ines Albers of the national public health agency. "Gaps in coverage find it quickly."
                """,
            Authors = ["priya-raman"],
            Tags = ["health", "science"],
            ImageUrl = "https://images.example.com/demo/vaccination-clinic.jpg",
            ImageAlt = "A nurse prepares a vaccine at a table in a school hall set up as a clinic",
            ImageCaption = "A walk-in clinic in a school hall. No appointment is needed.",
            ImageCredit = "Photo: Lea Winter / Public Health Agency",
            HoursAgo = 320.5,
        },
        new()
        {
            Slug = "chipmaker-breaks-ground-on-renewable-powered-plant",
            Title = "Chipmaker breaks ground on a plant it says will run on renewable power",
            Subtitle = "Veridian Semiconductor's 8-billion-euro factory will buy power from a new solar park and wind farm under long-term contracts",
            Excerpt = "Veridian Semiconductor began building a chip plant that it says will draw all its electricity from renewable sources, though analysts question how it will cover windless nights.",
            Body = """
                Veridian Semiconductor broke ground on Wednesday on an 8-billion-euro chip factory that it says will be the first of its size to run entirely on renewable electricity.

                The plant will make chips for cars and industrial machinery rather than the most advanced processors. It is due to open in three years with about 2,000 jobs.

                Veridian has signed 15-year contracts to buy power from a new solar park and an onshore wind farm, and will install batteries on site. Chip plants run around the clock and use as much power as a small city.

                Energy analysts said the claim depends on the accounting. "Over a year, the contracts can cover it. Hour by hour, the plant will still draw from the grid when the wind drops," said Marta Quintero of consultancy Greyfield Energy.

                The project has received 1.9 billion euros in state aid.
                """,
            Authors = ["tomas-okafor"],
            Tags = ["technology", "business", "energy"],
            Source = "circuit-review",
            SourceUrl = "https://circuitreview.example.org/chips/veridian-groundbreaking",
            ImageUrl = "https://images.example.com/demo/chip-plant-groundbreaking.jpg",
            ImageAlt = "Executives in hard hats holding shovels on a muddy building site with cranes behind them",
            ImageCaption = "The groundbreaking ceremony on the site of the future plant.",
            ImageCredit = "Image via X/@veridiansemi",
            HoursAgo = 380.8,
        },
        new()
        {
            Slug = "museum-returns-bronze-figures",
            Title = "Museum returns bronze figures to the community they were taken from",
            Subtitle = "The seven figures were removed during a colonial expedition in 1897 and had been on display for more than a century",
            Excerpt = "The city museum has handed back seven bronze figures taken during a colonial expedition, after two years of talks with community leaders who plan to show them in a new heritage centre.",
            Body = """
                The city museum on Saturday returned seven bronze figures to representatives of the Kaloma community, from whom they were taken during a colonial military expedition in 1897.

                The figures, the largest just under a metre tall, had been on display since 1902. They will go on show in a heritage centre being built in the community's historic capital.

                "These are not objects to us. They are records of our history, and they have been away too long," said Naliya Oboro, who led the delegation.

                The museum's director, Henrik Sollberg, said the decision followed research into how the figures were acquired. "The provenance left no doubt," he said.

                The museum has published its provenance research online and is reviewing about 300 other items in its collection.
                """,
            Authors = ["news-desk"],
            Tags = ["culture"],
            Source = "continental-press-agency",
            SourceUrl = "https://cpa.example.org/culture/museum-returns-bronze-figures",
            CanonicalUrl = "https://cpa.example.org/culture/museum-returns-bronze-figures",
            ImageUrl = "https://images.example.com/demo/bronze-figures-handover.jpg",
            ImageAlt = "Museum staff in white gloves lifting a bronze figure into a padded crate",
            ImageCaption = "Conservators pack one of the seven figures for the journey home.",
            ImageCredit = "Photo: Amadou Sy / Continental Press Agency",
            HoursAgo = 440.1,
        },
        new()
        {
            Slug = "heat-pump-sales-double-after-subsidy-overhaul",
            Title = "Heat pump sales double after subsidy overhaul",
            Subtitle = "A flat grant and faster approvals pushed installations to a record over the past three months",
            Excerpt = "Heat pump installations doubled in the three months after the government replaced a means-tested rebate with a flat grant, industry figures show.",
            Body = """
                Installations of heat pumps doubled in the three months after the government replaced a complex rebate with a flat grant of 7,500 euros, according to the national installers' association.

                Installers fitted 41,000 units in the period, against 20,300 a year earlier. Grant applications are now approved in an average of nine days, down from seven weeks.

                "The old scheme asked people to pay first and hope later," said Pieter Laan, the association's chair. "Now they know the number before they sign."

                Bottlenecks remain. The association estimates the country is short of about 6,000 trained installers, and waiting times in some regions stretch to four months.

                Heating accounts for around a fifth of the country's carbon emissions, most of it from gas boilers.
                """,
            Authors = ["maya-lindqvist"],
            Tags = ["energy", "climate", "business"],
            ImageUrl = "https://images.example.com/demo/heat-pump-installation.jpg",
            ImageAlt = "An installer kneels beside a heat pump unit mounted against a brick wall",
            ImageCaption = "Waiting times for an installation stretch to four months in some regions.",
            ImageCredit = "Photo: Maya Lindqvist",
            MetaTitle = "Heat pump installations double after flat grant replaces rebate",
            MetaDescription = "A 7,500-euro flat grant and approvals in nine days doubled heat pump installations, but a shortage of installers is lengthening waits.",
            HoursAgo = 500.6,
            Related = ["offshore-wind-auction-draws-record-bids"],
        },
        new()
        {
            Slug = "coalition-talks-collapse-over-rail-budget",
            Title = "Coalition talks collapse over rail budget",
            Subtitle = "The Progressive Alliance walked out after its partners refused to guarantee funding for a new northern rail line",
            Excerpt = "Talks to form a three-party government broke down on Sunday after the parties failed to agree on how to pay for a 14-billion-euro rail line.",
            Body = """
                Negotiations to form a three-party coalition collapsed on Sunday after the Progressive Alliance walked out over funding for a new rail line to the north of the country.

                The party had made a guarantee for the 14-billion-euro project a condition of joining government. Its prospective partners, the Civic Party and the Farmers' League, offered to fund only the first phase.

                "We were asked to sign a promise with a blank space where the money should be," said Alliance leader Mirela Costa.

                The Civic Party, which came first in the election, said it would now explore a minority government. A new election is possible if no government is formed within 60 days.

                The line would cut the journey between the capital and the northern port from five hours to just over two.
                """,
            Authors = ["daniel-brennan"],
            Tags = ["politics", "europe", "transport"],
            ImageUrl = "https://images.example.com/demo/coalition-talks-walkout.jpg",
            ImageAlt = "A party leader speaks to reporters on the steps of a government building",
            ImageCaption = "Mirela Costa speaks to reporters after leaving the talks.",
            ImageCredit = "Photo: Tomasz Wilk / Continental Press Agency",
            HoursAgo = 570.3,
        },
        new()
        {
            Slug = "deep-sea-survey-finds-dozens-of-new-species",
            Title = "Deep-sea survey finds dozens of species new to science",
            Subtitle = "A six-week expedition to an underwater mountain range collected sponges, corals and a translucent sea cucumber",
            Excerpt = "Scientists on a six-week expedition to a chain of underwater mountains say they collected at least 38 species never described before, including corals growing 2,000 metres down.",
            Body = """
                Scientists returning from a six-week expedition to an underwater mountain range say they collected at least 38 species that have never been formally described.

                The team used a remotely operated vehicle to survey seamounts up to 4,000 metres deep. The finds include a translucent sea cucumber, several glass sponges and a coral that grows in fans more than a metre across.

                "On every dive we saw something that stopped the room," said marine biologist Dr. Luis Etxeberria, the expedition's chief scientist.

                Describing a new species formally can take years. Samples will be shared with taxonomists at 14 institutions.

                The seamounts lie in international waters where licences for deep-sea mining exploration have been issued. The researchers said their data should inform any decision on mining.
                """,
            Authors = ["priya-raman"],
            Tags = ["science"],
            Source = "continental-press-agency",
            SourceUrl = "https://cpa.example.org/science/deep-sea-new-species",
            ImageUrl = "https://images.example.com/demo/deep-sea-coral.jpg",
            ImageAlt = "A pale orange fan coral lit by a submersible's lamps against black water",
            ImageCaption = "A fan coral photographed at about 2,000 metres. It may be a species new to science.",
            ImageCredit = "Image via X/@seamountsurvey",
            HoursAgo = 640.9,
        },
        new()
        {
            Slug = "wildfire-smoke-linked-to-spike-in-emergency-visits",
            Title = "Wildfire smoke linked to spike in emergency visits, study finds",
            Subtitle = "Respiratory visits rose by almost a third on the worst smoke days, with young children and older adults most affected",
            Excerpt = "Emergency visits for breathing problems rose 31 percent on days of heavy wildfire smoke, according to a study of hospital records covering five summers.",
            Body = """
                Emergency department visits for asthma and other breathing problems rose by 31 percent on days when wildfire smoke was heaviest, according to a study of hospital records covering five summers.

                The researchers matched 1.2 million visits with satellite estimates of fine-particle pollution. The effect was largest among children under five and adults over 70.

                Smoke can travel hundreds of kilometres, and some of the largest increases were in cities that saw no flames at all.

                "People think of wildfire as a rural emergency. For lungs, it is an urban one too," said co-author Dr. Yara Haddad.

                The authors recommend that health agencies issue smoke alerts alongside heat warnings, and that schools plan how to keep indoor air clean on smoky days.
                """,
            Authors = ["priya-raman", "maya-lindqvist"],
            Tags = ["health", "climate", "science"],
            ImageUrl = "https://images.example.com/demo/city-skyline-smoke-haze.jpg",
            ImageAlt = "A city skyline behind a thick orange haze of smoke",
            ImageCaption = "Smoke from fires hundreds of kilometres away hangs over the city.",
            ImageCredit = "Photo: Daniel Brennan",
            HoursAgo = 710.4,
            Related = ["glacier-melt-season-began-three-weeks-early"],
        },
        new()
        {
            Slug = "lunar-lander-mission-slips-to-next-year",
            Title = "Lunar lander mission slips to next year after engine test anomaly",
            Subtitle = "A descent engine shut down early during a ground test, and engineers are still working out why",
            Excerpt = "The launch of a commercial lunar lander has been pushed back by at least nine months after its descent engine shut down unexpectedly during a test firing.",
            Body = """
                The first lunar lander built by Selene Works will not launch this year after its descent engine shut down 40 seconds early during a ground test, the company said.

                The engine has to fire for 12 minutes to slow the lander from orbit to a gentle touchdown. Engineers found a pressure drop in a fuel line but have not yet identified its cause.

                The mission, which would carry eight science instruments to the moon's south polar region, is now expected to launch no earlier than the second half of next year.

                "We would rather find this on a test stand than on the way down," said chief executive Aiko Tanabe.

                Several instrument teams said the delay would push back data they had hoped to collect before their funding runs out.
                """,
            Authors = ["news-desk", "priya-raman"],
            Tags = ["space", "science"],
            Source = "orbital-daily",
            SourceUrl = "https://orbitaldaily.example.org/moon/selene-lander-delay",
            ImageUrl = "https://images.example.com/demo/engine-test-stand.jpg",
            ImageAlt = "A rocket engine firing on a test stand, with a plume of white exhaust",
            ImageCaption = "The descent engine during an earlier, successful test firing.",
            ImageCredit = "Image via X/@seleneworks",
            HoursAgo = 790.2,
            Related = ["satellite-startup-completes-in-orbit-refuelling-test", "solar-eclipse-draws-thousands-to-northern-coast"],
        },
        new()
        {
            Slug = "small-press-book-festival-sells-out",
            Title = "Small-press book festival sells out in record time",
            Subtitle = "All 9,000 tickets went in under four hours, and organisers are adding a second venue for readings",
            Excerpt = "Tickets for the annual small-press book festival sold out in under four hours, and organisers are adding a second venue to meet demand.",
            Body = """
                All 9,000 tickets for this year's Small Press Fair sold out in under four hours on Monday, a record for the festival, now in its 16th year.

                More than 120 independent publishers will take part, up from 85 last year. Poetry and translated fiction make up almost half of the programme.

                Organisers will open a second venue, the old tram depot on the east side, for readings, with 2,000 extra tickets going on sale next week.

                "Independent publishers take the risks the big houses won't," said festival director Clara Nyberg. "Readers have noticed."

                All readings will also be streamed free online.
                """,
            Authors = ["news-desk"],
            Tags = ["culture", "business"],
            ImageUrl = "https://images.example.com/demo/book-fair-stalls.jpg",
            ImageAlt = "Visitors browsing tables stacked with books in a busy hall",
            ImageCaption = "Last year's fair drew 85 publishers; this year more than 120 will take part.",
            ImageCredit = "Image via X/@smallpressfair",
            HoursAgo = 870.6,
        },
        new()
        {
            Slug = "electric-ferries-to-replace-diesel-fleet",
            Title = "Electric ferries to replace diesel fleet on harbour routes",
            Subtitle = "Six battery-powered vessels will recharge at each pier in the time it takes to load passengers",
            Excerpt = "The city's harbour ferries will switch to battery power over the next three years, cutting fuel costs and the diesel fumes that waterfront residents have long complained about.",
            Body = """
                The city has ordered six battery-electric ferries to replace the diesel boats on its three harbour routes, with the first due in service within 18 months.

                Each vessel will carry 300 passengers and top up its batteries for about seven minutes at every stop, using automated chargers mounted on the piers.

                Transport officials estimate the switch will cut fuel and maintenance costs by 40 percent and remove about 9,000 tonnes of carbon dioxide a year.

                Residents along the waterfront welcomed the news. "You can smell the ferries before you see them," said Tove Ahlgren of the Harbourside Residents' Association.

                The contract, worth 96 million euros, went to a yard on the west coast.
                """,
            Authors = ["maya-lindqvist"],
            Tags = ["transport", "energy", "climate"],
            Source = "northwind-wire",
            SourceUrl = "https://northwind.example.org/shipping/harbour-electric-ferries",
            CanonicalUrl = "https://northwind.example.org/shipping/harbour-electric-ferries",
            ImageUrl = "https://images.example.com/demo/harbour-ferry.jpg",
            ImageAlt = "A white passenger ferry leaving a pier in a busy harbour",
            ImageCaption = "One of the diesel ferries that the electric vessels will replace.",
            ImageCredit = "Photo: Ines Marval / Northwind Wire",
            HoursAgo = 950.3,
            Related = ["night-train-network-adds-three-routes", "council-votes-to-make-central-bus-lanes-permanent"],
        },
        new()
        {
            Slug = "drought-brings-river-freight-to-a-standstill",
            Title = "Drought brings river freight to a standstill",
            Subtitle = "Barges are running at a third of capacity as water at a key gauge falls below 80 centimetres",
            Excerpt = "Low water on one of Europe's busiest inland waterways has forced barge operators to cut loads sharply, pushing up the cost of moving fuel, grain and chemicals inland.",
            Body = """
                Barges on the river are carrying barely a third of their usual loads after weeks without significant rain pushed the water level at a key gauge below 80 centimetres.

                Operators have imposed low-water surcharges of up to 300 percent. Some have stopped sailing on the shallowest stretch, where the river narrows between steep banks.

                The waterway carries around 180 million tonnes of goods a year, including fuel, grain and chemicals for factories upstream.

                "Every centimetre of water is about 100 tonnes of cargo on a large barge," said Gerrit de Wolff of the inland shipping association.

                Forecasters expect little rain in the next ten days. Shippers are moving some freight to rail, where capacity is limited.
                """,
            Authors = ["daniel-brennan", "maya-lindqvist"],
            Tags = ["climate", "transport", "business", "europe"],
            Source = "continental-press-agency",
            SourceUrl = "https://cpa.example.org/economy/river-freight-drought",
            ImageUrl = "https://images.example.com/demo/low-river-barge.jpg",
            ImageAlt = "A cargo barge passing exposed sandbanks on a river with very low water",
            ImageCaption = "Sandbanks exposed by the low water. Large barges are sailing at a third of their capacity.",
            ImageCredit = "Photo: Frank Meuller / Continental Press Agency",
            MetaTitle = "Drought cuts river freight to a third of capacity",
            MetaDescription = "With the water level below 80 cm at a key gauge, barge operators have cut loads and added surcharges of up to 300 percent.",
            HoursAgo = 1040.7,
            Related = ["glacier-melt-season-began-three-weeks-early", "wildfire-smoke-linked-to-spike-in-emergency-visits"],
        },
        new()
        {
            Slug = "solar-eclipse-draws-thousands-to-northern-coast",
            Title = "Solar eclipse draws thousands to the northern coast",
            Subtitle = "Clear skies held for two minutes of totality, to cheers from crowds on the beaches",
            Excerpt = "Tens of thousands of people gathered on the northern coast to watch a total solar eclipse, the first visible from the country in more than 60 years.",
            Body = """
                Tens of thousands of people gathered on beaches and cliffs along the northern coast on Tuesday to watch the first total solar eclipse visible from the country in 63 years.

                Clouds that had threatened all morning cleared minutes before totality, which lasted two minutes and nine seconds at the centre of the path.

                "The temperature dropped, the birds went quiet, and then everyone started shouting," said Mehmet Aydın, who had driven through the night with his two children.

                Traffic on the coast road backed up for 30 kilometres afterwards. Hotels along the path had been booked out for more than a year.

                Astronomers used the minutes of darkness to study the corona, the sun's outer atmosphere, which is normally hidden by its glare.
                """,
            Authors = ["news-desk"],
            Tags = ["space", "science", "culture"],
            ImageUrl = "https://images.example.com/demo/eclipse-totality-beach.jpg",
            ImageAlt = "Crowds on a beach looking up at the eclipsed sun, a black disc ringed by white light",
            ImageCaption = "Totality over the northern coast lasted just over two minutes.",
            ImageCredit = "Image via X/@northcoastskies",
            HoursAgo = 1130.5,
        },
        new()
        {
            Slug = "pharmacy-chain-tests-drone-prescription-deliveries",
            Title = "Pharmacy chain tests drone deliveries of prescriptions to islands",
            Subtitle = "Regulators approved flights beyond the pilot's line of sight on a 25-kilometre route for a six-month trial",
            Excerpt = "A pharmacy chain has begun delivering prescription medicines by drone to three islands without a pharmacy, in a trial that regulators are watching closely.",
            Body = """
                The pharmacy chain Apoteka has begun delivering prescription medicines by drone to three islands that have no pharmacy of their own, in a six-month trial approved by aviation regulators.

                The drones fly a 25-kilometre route from the mainland and lower packages on a tether into a locked box at each island's community centre. A flight takes about 20 minutes; the ferry takes two hours and runs twice a day.

                Residents collect their medicines with a code sent by text message. Controlled drugs and medicines that need refrigeration are excluded.

                "For an 80-year-old who would otherwise lose a day travelling for a refill, this matters," said island nurse Sigrid Holm.

                Regulators will use the trial to decide whether to allow similar routes elsewhere.
                """,
            Authors = ["tomas-okafor"],
            Tags = ["health", "technology", "transport"],
            Source = "circuit-review",
            SourceUrl = "https://circuitreview.example.org/drones/apoteka-island-deliveries",
            ImageUrl = "https://images.example.com/demo/delivery-drone-island.jpg",
            ImageAlt = "A delivery drone with a small parcel hovering over a rocky island shoreline",
            ImageCaption = "A delivery drone approaches one of the three islands in the trial.",
            ImageCredit = "Photo: Erik Sand / Apoteka",
            HoursAgo = 1230.2,
        },
        new()
        {
            Slug = "regional-elections-turnout-climbs-new-parties-gain",
            Title = "Regional elections: turnout climbs as new parties make gains",
            Subtitle = "Two parties founded in the past three years won seats in all five regional assemblies",
            Excerpt = "Turnout in regional elections rose to 64 percent, the highest in two decades, as newly founded parties won seats in every assembly that voted.",
            Body = """
                Turnout in Sunday's elections to five regional assemblies reached 64 percent, up nine points on the last vote and the highest in 20 years.

                Two parties founded in the past three years, the Independents for Local Democracy and the Future Party, won seats in all five assemblies. The established parties lost ground everywhere, though the Civic Party remains the largest in three regions.

                Analysts said local issues, from hospital closures to housing costs, had drawn out voters who usually stay at home.

                ## Results at a glance
                - **North:** Civic Party largest; Future Party second.
                - **Coast:** Progressive Alliance holds on by two seats.
                - **Capital region:** no party above 25 percent.

                Coalition talks are expected to take several weeks in at least three regions.
                """,
            Authors = ["daniel-brennan"],
            Tags = ["politics", "europe"],
            Source = "continental-press-agency",
            SourceUrl = "https://cpa.example.org/politics/regional-elections-results",
            ImageUrl = "https://images.example.com/demo/ballot-count.jpg",
            ImageAlt = "Volunteers counting paper ballots at long tables in a sports hall",
            ImageCaption = "Counting in the capital region continued until the early hours.",
            ImageCredit = "Photo: Tomasz Wilk / Continental Press Agency",
            HoursAgo = 1340.8,
            Related = ["coalition-talks-collapse-over-rail-budget"],
        },
        new()
        {
            Slug = "live-storm-warnings-and-road-closures-along-the-coast",
            Title = "Live: storm warnings and road closures along the coast",
            Subtitle = "Updates as the storm made landfall overnight. This page is no longer being updated",
            Excerpt = "Our live coverage of the storm that brought gusts of up to 140 km/h and flooding to coastal towns. This page is archived.",
            Body = """
                **This live page has ended and is kept for reference.**

                ### 06:40
                The weather service has downgraded its red warning to amber. Gusts are easing, but flooding remains a risk at this afternoon's high tide.

                ### 04:15
                The coast road is closed between the two harbour towns after a section of sea wall collapsed. Diversions are in place.

                ### 01:30
                Gusts of 140 km/h recorded at the lighthouse station. About 18,000 homes are without power, the grid operator says.

                ### 23:05
                Ferries are cancelled until at least midday. Check the [operator's status page](https://ferries.example.org/status) before travelling.
                """,
            Authors = ["news-desk", "maya-lindqvist"],
            Tags = ["climate", "transport"],
            Source = "northwind-wire",
            SourceUrl = "https://northwind.example.org/weather/coastal-storm-live",
            ImageUrl = "https://images.example.com/demo/storm-waves-sea-wall.jpg",
            ImageAlt = "Large waves breaking over a harbour sea wall under dark clouds",
            ImageCaption = "Waves breaking over the sea wall at high tide.",
            ImageCredit = "Photo: Ines Marval / Northwind Wire",
            Status = ArticleStatus.Archived,
            HoursAgo = 1420.4,
        },
        new()
        {
            Slug = "inside-the-race-to-build-a-cheaper-battery-from-salt",
            Title = "Inside the race to build a cheaper battery from salt",
            Subtitle = "Sodium-ion cells are heavier than lithium ones but use no scarce metals, and a factory on the west coast is betting on them",
            Excerpt = "Sodium-ion batteries could make grid storage cheaper by swapping lithium for one of the most abundant elements on Earth. A new factory is about to test the economics.",
            Body = """
                Sodium is everywhere: in seawater, in salt flats, in the salt on your kitchen table. Lithium is not. That simple fact is behind a new generation of batteries moving from the lab to the factory floor.

                Sodium-ion cells store less energy per kilogram than lithium-ion ones, which rules them out for most cars. For batteries that sit in a container next to a solar park, weight hardly matters.

                Halvard Energy's factory on the west coast is due to start production later this year, aiming for cells 30 percent cheaper than today's grid batteries.

                *TODO: cost figures from the site visit; a second expert on cycle life.*
                """,
            Authors = ["maya-lindqvist"],
            Tags = ["energy", "technology", "science"],
            ImageUrl = "https://images.example.com/demo/battery-cell-production-line.jpg",
            ImageAlt = "Battery cells moving along a conveyor in a factory clean room",
            ImageCaption = "Test production at Halvard Energy's pilot line.",
            ImageCredit = "Photo: Maya Lindqvist",
            Status = ArticleStatus.Draft,
        },
        new()
        {
            Slug = "analysis-why-polls-keep-missing-first-time-voters",
            Title = "Analysis: why the polls keep missing first-time voters",
            Subtitle = "Pollsters rely on people who answer the phone. The voters who decided the regional elections mostly don't",
            Excerpt = "Pre-election polls underestimated the new parties' vote in every region. The reason may lie in who pollsters can reach.",
            Body = """
                Every major poll published in the week before the regional elections underestimated the combined vote of the two new parties, in some regions by more than eight points.

                Pollsters point to a familiar problem: the people most likely to answer a survey are also the people most likely to have voted before. Turnout rose by nine points, and many of the extra voters were new to the ballot box.

                Weighting by past vote, the standard fix, cannot help when the voters you are missing have no past vote to weight by.

                *Held until the polling council publishes its methodology note.*
                """,
            Authors = ["daniel-brennan"],
            Tags = ["politics"],
            ImageUrl = "https://images.example.com/demo/polling-station-queue.jpg",
            ImageAlt = "A queue of voters outside a polling station in a school",
            ImageCaption = "Turnout rose by nine points in the regional elections.",
            ImageCredit = "Photo: Tomasz Wilk / Continental Press Agency",
            Status = ArticleStatus.Draft,
        },
        new()
        {
            Slug = "weekend-read-engineers-keeping-old-bridge-standing",
            Title = "Weekend read: the engineers keeping a 90-year-old bridge standing",
            Subtitle = "Every night a small crew climbs into the steel of the city's oldest crossing to look for faults no sensor can yet find",
            Excerpt = "The city's oldest bridge carries 40,000 vehicles a day on steel riveted in the 1930s. We spent a night with the crew that keeps it open.",
            Body = """
                At two in the morning, when the traffic has thinned to a few taxis, Lotte Brand clips her harness to a rail and lowers herself into the underside of the bridge.

                The crossing was riveted together in the 1930s for trams and horse carts. Today it carries 40,000 vehicles a day. Brand's crew of six inspects a different section every night, tapping rivets with a hammer and listening for the dull note that means one has worked loose.

                "A sensor tells you something changed. A hammer tells you what," she said.

                The city plans to replace the bridge within 15 years. Until then, the night crew is what keeps it open.
                """,
            Authors = ["news-desk"],
            Tags = ["transport", "culture"],
            ImageUrl = "https://images.example.com/demo/bridge-night-inspection.jpg",
            ImageAlt = "An engineer in a harness and head torch inspecting steel girders beneath a bridge at night",
            ImageCaption = "Lotte Brand inspects rivets beneath the bridge deck.",
            ImageCredit = "Photo: Rasmus Dahl / City Desk",
            Status = ArticleStatus.Scheduled,
            HoursAgo = -20,
        },
        new()
        {
            Slug = "space-agency-to-name-crew-for-long-duration-station-stay",
            Title = "Space agency to name crew for first long-duration station stay",
            Subtitle = "Four astronauts will spend nine months aboard a commercial station, the agency's longest mission so far",
            Excerpt = "The space agency will announce the four astronauts for its first nine-month mission aboard a commercial space station.",
            Body = """
                The space agency will on Thursday name the four astronauts who will spend nine months aboard the commercial Horizon station, its longest crewed mission to date.

                The crew will run more than 200 experiments, many on how long periods in weightlessness affect muscles, bones and eyesight, questions that matter for any future journey to Mars.

                Eleven candidates have trained for the mission for two years. The agency has said the crew will include at least one first-time flyer.

                Launch is planned for early next year.
                """,
            Authors = ["priya-raman"],
            Tags = ["space", "science"],
            Source = "orbital-daily",
            SourceUrl = "https://orbitaldaily.example.org/crew/horizon-long-duration-crew",
            ImageUrl = "https://images.example.com/demo/astronaut-training-pool.jpg",
            ImageAlt = "An astronaut in a white training suit being lowered into a large pool",
            ImageCaption = "Candidates train for spacewalks in a neutral-buoyancy pool.",
            ImageCredit = "Image via X/@horizonstation",
            Status = ArticleStatus.Scheduled,
            HoursAgo = -40,
        },
    ];
}

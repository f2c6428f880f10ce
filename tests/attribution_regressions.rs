//! One test per attribution bug found on the real set (`tests/attribution/real/`), each named for
//! what it guards. Every page goes through the whole engine, as the CLI runs it.

use chaff::mark::Severity;
use chaff::{Category, Engine, Mark};

/// The attribution marks of an article made of `paragraphs` (HTML), published at `url`.
fn marks(url: &str, title: &str, paragraphs: &[&str]) -> Vec<Mark> {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>")).collect();
    let html = format!(
        "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>"
    );
    let page = chaff::Page::from_snapshot(&chaff::html::snapshot(&html, url));
    Engine::new()
        .expect("built-in rules load")
        .analyze(&page)
        .marks
        .into_iter()
        .filter(|m| m.category == Category::UnconfirmedAttribution)
        .collect()
}

fn find<'a>(marks: &'a [Mark], needle: &str) -> Option<&'a Mark> {
    marks.iter().find(|m| m.text.contains(needle))
}

const URL: &str = "https://news.example.org/2016/12/story";

#[test]
fn a_plural_noun_after_a_place_is_not_a_speaker_with_a_verb() {
    // "Western states" read as the speaker "Western" with the verb "states".
    let m = marks(
        URL,
        "Coal",
        &["Western states — a stronghold for coal — are increasingly using natural gas."],
    );
    assert!(m.is_empty(), "{m:?}");
}

#[test]
fn a_possessive_before_alleged_is_not_a_statement() {
    // "Vladimir Putin's alleged involvement" read as "Putin's" alleging; its reason said "Putin's’s".
    let m = marks(
        URL,
        "Hack",
        &["Clinton has an explanation for Vladimir Putin's alleged involvement in the hacking."],
    );
    assert!(m.is_empty(), "{m:?}");
}

#[test]
fn reasons_drop_clause_openers_and_write_possessives_once() {
    let m = marks(
        URL,
        "Advisers",
        &["When President Trump's advisers said the plan would pass, nobody listened."],
    );
    let reason = &m.first().expect("marked").reason;
    assert!(!reason.contains("When"), "{reason}");
    assert!(
        !reason.contains("s’s") && !reason.contains("s's’"),
        "{reason}"
    );
}

#[test]
fn told_this_publication_is_its_own_reporting() {
    let m = marks(
        "https://mashable.com/article/plane",
        "Plane | Mashable",
        &[
            "Eric Durr, Director of Public Affairs at the state's military affairs division, told Mashable the plane was on a training run.",
            "Durr explained that the crew specializes in rescue.",
        ],
    );
    assert!(m.is_empty(), "{m:?}");
}

#[test]
fn a_venue_earlier_in_the_paragraph_clears_its_named_sources() {
    let m = marks(
        URL,
        "Lawsuit",
        &[
            "It began with a lawsuit. When Carlson complained, Ailes responded that she was “a man hater”, she says.",
        ],
    );
    assert!(m.is_empty(), "{m:?}");
}

#[test]
fn quotes_and_pronouns_after_a_venue_stay_clear() {
    let m = marks(
        URL,
        "Fed",
        &[
            "In a news conference, Fed Chair Janet Yellen said the election had put the bank under a cloud.",
            "“All the participants recognize that there is considerable uncertainty,” Yellen said.",
            "Though the inauguration is a month away, she said some participants had shifted their view.",
        ],
    );
    assert!(m.is_empty(), "{m:?}");
}

#[test]
fn a_quote_continuation_takes_its_unlinked_speakers_mark() {
    let m = marks(
        URL,
        "Stadium",
        &[
            "“We want them to help schedule the building,” said John David Wicker, the director of athletics.",
            "“As we put a shovel in the ground, we’ll go out and start booking events.”",
        ],
    );
    let quote = find(&m, "As we put a shovel").expect("continuation marked");
    assert_eq!(quote.severity, Some(Severity::Low));
    assert!(
        quote.reason.contains("John David Wicker"),
        "{}",
        quote.reason
    );
}

#[test]
fn they_said_after_unnamed_officials_keeps_the_vague_severity() {
    let m = marks(
        URL,
        "Bombs",
        &[
            "Flip phones served as timers, the officials said. They said HMTD, an explosive compound, served as the detonator.",
        ],
    );
    let they = find(&m, "They said HMTD").expect("marked");
    assert_eq!(they.severity, Some(Severity::Medium), "{they:?}");
}

#[test]
fn an_anonymous_speaker_after_the_quote_is_hearsay() {
    let m = marks(
        URL,
        "Insiders",
        &[
            "“It is not Machiavellian. He is trying to do this by the book,” said a senior administration official.",
        ],
    );
    assert_eq!(
        m.first().map(|m| m.severity),
        Some(Some(Severity::High)),
        "{m:?}"
    );
}

#[test]
fn a_cue_word_inside_quoted_speech_is_the_speakers_not_the_pages() {
    let m = marks(
        URL,
        "Coat",
        &[
            "During her appearance on the talk show, the host asked, “isn’t that against the rules?” to which she replied, “apparently.”",
        ],
    );
    assert!(m.is_empty(), "{m:?}");
}

#[test]
fn what_someone_told_the_police_is_not_a_claim_passed_on() {
    let m = marks(
        URL,
        "Milan",
        &["Amri, speaking Italian, told police he had no documents with him."],
    );
    assert!(m.is_empty(), "{m:?}");
}

#[test]
fn a_topic_page_link_does_not_clear_a_vague_group() {
    let m = marks(
        URL,
        "Standing Rock",
        &[
            "Violence in <a href=\"https://www.theguardian.com/us-news/north-dakota\">North Dakota</a> has risen, and activists and observers fear that the worst is yet to come.",
        ],
    );
    assert_eq!(m.len(), 1, "{m:?}");
}

#[test]
fn a_vague_group_does_not_relate_a_link_by_its_words() {
    // "energy analysts" matched a paragraph link whose address held "energy".
    let m = marks(
        URL,
        "Coal",
        &[
            "The agency says the industry <a href=\"https://www.cnbc.com/2016/11/16/energy-outlook-coal.html\">must close mines</a>. Trump wants more gas, but energy analysts say that would eat into coal's share.",
        ],
    );
    assert!(find(&m, "energy analysts say").is_some(), "{m:?}");
}

#[test]
fn a_hedge_right_after_the_linked_rumour_refers_to_it() {
    let m = marks(
        URL,
        "iPad",
        &[
            "<a href=\"https://www.macrumors.com/2016/08/15/kuo-ipad\">Rumors suggest</a> Apple will introduce a new iPad Pro. Though the rumored iPad will use a larger display, it's said to be the same size.",
        ],
    );
    assert!(m.is_empty(), "{m:?}");
}

#[test]
fn an_interview_given_to_an_unnamed_magazine_is_a_chain_and_its_quotes_follow() {
    let m = marks(
        URL,
        "Gosling",
        &[
            "Gosling, who graces the magazine's January cover, says fatherhood has made him a better man.",
            "\"When you meet your kids you realize that they deserve great parents,\" he explains.",
        ],
    );
    assert!(
        m.iter().all(|m| m.severity == Some(Severity::High)),
        "{m:?}"
    );
    assert_eq!(m.len(), 2, "{m:?}");
}

#[test]
fn a_sentence_initial_group_noun_is_not_a_name() {
    let m = marks(
        URL,
        "DC",
        &["Critics of DC’s recent movies have said they’re too dark."],
    );
    let critics = m.first().expect("marked");
    assert_eq!(critics.severity, Some(Severity::Medium));
    assert!(
        !critics
            .reason
            .contains("Critics of DC’s recent movies’ word"),
        "{}",
        critics.reason
    );
}

#[test]
fn an_index_or_ticker_that_added_points_is_no_speaker() {
    // Issue 9: "the Nasdaq Composite .IXIC added 20.72 points" rested "on IXIC's word".
    let m = marks(
        URL,
        "Stocks",
        &["The Nasdaq Composite .IXIC added 20.72 points, or 0.1 percent, to 8,123."],
    );
    assert!(m.is_empty(), "{m:?}");
}

#[test]
fn reporting_verbs_in_another_sense_are_not_claims() {
    let m = marks(
        URL,
        "Senses",
        &[
            "Vindman reported to him that the call had gone badly.",
            "The researchers observed Europa for three nights.",
            "Today's post argues that the fee market is broken.",
            "CoreWeave reported its Q2 2026 earnings on Tuesday.",
            "It was the most anticipated witness of the week.",
            "Morrison told the Intelligence Committee that he had no concerns.",
        ],
    );
    assert!(m.is_empty(), "{m:?}");
}

#[test]
fn missed_classes_from_issue_9_are_found() {
    let m = marks(
        URL,
        "Classes",
        &[
            "The deal was, according to a local police source, signed on Monday.",
            "It was not possible to independently verify the group's claim.",
            "He was accused Wednesday of taking bribes.",
            "Prices rose, say officials.",
            "Health bosses said the ward would close.",
            "A new study reports that the drug works.",
        ],
    );
    assert_eq!(m.len(), 6, "{m:?}");
    assert_eq!(m[0].severity, Some(Severity::High));
    assert!(
        m[1..].iter().all(|m| m.severity == Some(Severity::Medium)),
        "{m:?}"
    );
}

#[test]
fn a_vague_source_relayed_by_a_named_outlet_is_as_severe_as_a_chain() {
    let m = marks(
        URL,
        "Losses",
        &["Investors have been told to expect losses, Reuters reported."],
    );
    let relayed = m.first().expect("marked");
    assert_eq!(relayed.severity, Some(Severity::High));
    assert!(relayed.reason.contains("Reuters"), "{}", relayed.reason);
}

#[test]
fn a_possessive_description_does_not_relate_a_link_about_its_owner() {
    // "Donald Trump's hotelier buddy, reportedly pledged" was cleared by a link whose address
    // named Donald Trump.
    let m = marks(
        URL,
        "Dion",
        &[
            "Steve Wynn, Donald Trump's hotelier buddy, reportedly pledged to deliver up Celine Dion. Dion is <a href=\"https://www.usmagazine.com/celebrity-news/news/celine-dion-refusing-donald-trump-inauguration/\">refusing</a> to take part.",
        ],
    );
    assert_eq!(
        m.first().map(|m| m.severity),
        Some(Some(Severity::High)),
        "{m:?}"
    );
}

#[test]
fn a_clause_about_a_name_is_no_speaker_and_it_added_a_thing_is_no_statement() {
    // "What Page wrote down" rested "on What Page's word", and "it added a layer of managers"
    // carried that mark into the next paragraph.
    let m = marks(
        URL,
        "Page",
        &[
            "What Page wrote down that night became the basis for an algorithm.",
            "But as the company grew, it added a layer of managers.",
        ],
    );
    assert!(m.is_empty(), "{m:?}");
}

#[test]
fn a_released_report_and_a_written_response_are_venues() {
    let m = marks(
        URL,
        "Venues",
        &[
            "This month, the federal government released a report on the oil. Experts from the National Oceanic and Atmospheric Administration (NOAA) and the Interior Department estimated that 74% of it was gone.",
            "Our chief executive took a different tack. He wrote a personal response in the comments, acknowledging that the blogger was right.",
        ],
    );
    assert!(m.is_empty(), "{m:?}");
}

#[test]
fn apparently_inside_a_clause_means_seemingly() {
    // "who apparently delighted her coworkers" was marked high as hearsay; an opening
    // "Apparently," still reports something heard.
    let m = marks(
        URL,
        "Hummus",
        &[
            "Anna Pickard is the editorial director who apparently delighted her coworkers.",
            "Two men happened upon the luggage, apparently unaware of its contents.",
            "Apparently, the exchange had run out of funds days earlier.",
            "Russian officials apparently expressed hope for cooperation with the United States.",
        ],
    );
    assert_eq!(m.len(), 2, "{m:?}");
    assert!(m[0].text.starts_with("Apparently,"), "{m:?}");
    // A seed page's expectation: an act known only from someone's account is hearsay.
    assert!(m[1].text.starts_with("Russian officials"), "{m:?}");
    assert!(
        m.iter().all(|m| m.severity == Some(Severity::High)),
        "{m:?}"
    );
}

#[test]
fn a_group_that_sees_or_finds_a_thing_states_no_view() {
    // Verbs of seeing, finding and describing with a plain object were read as a vague group's view.
    let m = marks(
        URL,
        "App",
        &[
            "Users see a warning before they confirm the transfer.",
            "Developers found a bug in the contract and patched it within hours.",
            "The researchers describe the method in the paper.",
            "Some users claim rewards every day through the app.",
            "Analysts see the token as a bet on fees.",
        ],
    );
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].text.starts_with("Analysts see"), "{m:?}");
    assert_eq!(m[0].severity, Some(Severity::Medium));
}

#[test]
fn taking_a_place_or_saying_goodbye_is_no_statement() {
    let m = marks(
        URL,
        "Ranks",
        &[
            "Ethereum claimed the second spot on the list.",
            "The protocol said goodbye to its founder in March.",
        ],
    );
    assert!(m.is_empty(), "{m:?}");
}

#[test]
fn a_study_in_a_named_journal_is_a_venue() {
    // Issue 9: "…published in the journal JAMA Psychiatry argued" names a public venue.
    let m = marks(
        URL,
        "Study",
        &[
            "A study published in the journal JAMA Psychiatry argued that the effect was small.",
            "Researchers at MIT published the paper in Nature on Monday.",
            "The op-ed was first reported by The Daily Mail.",
        ],
    );
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].text.contains("Daily Mail"), "{m:?}");
}

#[test]
fn a_venue_in_the_paragraph_clears_only_its_own_speakers() {
    // A press conference named in one sentence cleared an unrelated outlet's report beside it.
    let m = marks(
        URL,
        "Fed",
        &[
            "Powell told reporters after the meeting that the economy remains strong. Powell added that cuts were not on the table. CoinDesk reported that traders had already priced in a pause.",
        ],
    );
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].text.starts_with("CoinDesk"), "{m:?}");
}

#[test]
fn a_coin_that_noted_a_gain_is_no_speaker() {
    // A reporting verb with a figure as its object counts; it reports nothing.
    let m = marks(
        URL,
        "Markets",
        &[
            "Bitcoin noted a 5% gain over the weekend.",
            "The Nasdaq Composite added nearly 200 points.",
        ],
    );
    assert!(m.is_empty(), "{m:?}");
}

#[test]
fn a_poll_by_a_named_outlet_is_an_unlinked_outlet() {
    let m = marks(
        URL,
        "Poll",
        &["Economists polled by Reuters expected a 0.3% rise."],
    );
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].reason.contains("Reuters"), "{}", m[0].reason);
}

#[test]
fn the_pages_own_correspondent_is_its_own_reporting() {
    // "The BBC's Gary Duffy says" on bbc.co.uk rested "on The BBC's Gary Duffy's word".
    let m = marks(
        "http://www.bbc.co.uk/news/world-latin-america-21226565",
        "BBC News - Brazil mourns",
        &[
            "The BBC's Gary Duffy says there is a sense of national shock in Brazil.",
            "The BBC's Gary Duffy reports from Sao Paulo that the sense of loss is profound.",
        ],
    );
    assert!(m.is_empty(), "{m:?}");
}

#[test]
fn the_paper_named_just_before_is_that_unlinked_paper_not_a_chain() {
    let m = marks(
        URL,
        "Fire",
        &[
            "Police arrested two musicians, the website of the Diario de Santa Maria newspaper reported. A fourth person was being sought, the paper said.",
        ],
    );
    assert_eq!(m.len(), 2, "{m:?}");
    assert!(m.iter().all(|m| m.severity == Some(Severity::Low)), "{m:?}");
    assert!(
        m[1].reason.contains("Diario de Santa Maria"),
        "{}",
        m[1].reason
    );
}

#[test]
fn an_unnamed_official_carries_his_severity_to_the_words_he_relays() {
    // "Gadhafi wrote, according to the official" came out low, as Gadhafi's own word.
    let m = marks(
        URL,
        "Letter",
        &[
            "Gadhafi made the appeal in a letter to the American president, a senior administration official said.",
            "But the official said there was \"nothing new\" in the letter.",
            "\"We have been hurt more morally than physically,\" Gadhafi wrote, according to the official.",
            "\"Despite all this you will always remain our son.\"",
        ],
    );
    assert_eq!(m.len(), 4, "{m:?}");
    assert!(
        m.iter().all(|m| m.severity == Some(Severity::High)),
        "{m:?}"
    );
}

#[test]
fn a_whole_article_in_one_block_keeps_venues_and_links_to_their_passage() {
    // A page whose article is one block (lines apart with <br>): a study named near its start
    // cleared every quote and hedge to its end.
    let m = marks(
        URL,
        "BPA",
        &[
            "The results were <a href=\"https://www.fertstert.org/article/S0015-0282(10)02620-1\">published online</a> in a study led by De-Kun Li, an epidemiologist in Oakland. The men were factory workers. Their levels were high. The effects were strong. The mechanisms are not understood. The chemical is thought to be seen by the body as an estrogen. \"U.S. regulation is way out of whack,\" Li says.",
        ],
    );
    assert_eq!(m.len(), 2, "{m:?}");
    assert_eq!(m[0].severity, Some(Severity::Medium));
    assert_eq!(m[1].severity, Some(Severity::Low));
}

#[test]
fn a_speech_or_a_broadcast_show_is_a_venue_for_its_speaker() {
    let m = marks(
        URL,
        "Fed",
        &[
            "\"Of course the market wants zero rates,\" Hoenig said in prepared remarks during a speech in Lincoln.",
            "\"More people believe that Elvis is alive,\" McCarthy said Sunday on CNN's State of the Union.",
            "\"I would roll back the stimulus,\" Mr. McCarthy said.",
        ],
    );
    assert!(m.is_empty(), "{m:?}");
}

#[test]
fn unnamed_studies_and_unnamed_individuals_are_found() {
    let m = marks(
        URL,
        "Studies",
        &[
            "But several recent studies show that birds use smell to forage.",
            "\"I learnt about the demonstration through Twitter,\" said a 43-year-old protester.",
            "Opposition chiefs demanded his immediate ouster as premier.",
        ],
    );
    assert_eq!(m.len(), 3, "{m:?}");
    assert_eq!(m[1].severity, Some(Severity::High));
}

#[test]
fn a_quotation_that_names_its_own_speaker_continues_no_one() {
    let m = marks(
        URL,
        "Protest",
        &[
            "About 15,000 people marched in Tokyo, the Kyodo agency said. \"No more Fukushima!\" chanted the protesters, some of them with little children, to the sounds of rock music.",
        ],
    );
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].text.contains("Kyodo"), "{m:?}");
}

#[test]
fn a_link_on_a_speakers_name_is_a_profile_not_a_source() {
    // "<a>John Meeker</a>, an assistant professor …, notes that …" was cleared by the link to his
    // faculty page.
    let m = marks(
        URL,
        "BPA",
        &[
            "<a href=\"http://www.sph.umich.edu/faculty/directory.cfm?uniqname=meekerj\">John Meeker</a>, an assistant professor at the University of Michigan, notes that the latest work helps strengthen the case.",
        ],
    );
    assert_eq!(m.len(), 1, "{m:?}");
}

#[test]
fn a_document_link_clears_only_the_sentences_next_to_it() {
    // A link reading "reviewing current safety data" cleared every named claim of a long block.
    let m = marks(
        URL,
        "BPA",
        &[
            "\"U.S. regulation is way out of whack,\" Li says. The men had high levels. The limits are high. The FDA is <a href=\"https://www.example.gov/fda-bpa\">reviewing current safety data</a> on the chemical.",
        ],
    );
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].text.contains("Li says"), "{m:?}");
}

#[test]
fn hopes_recalls_and_remembers_report_only_with_what_is_said() {
    let m = marks(
        URL,
        "Recall",
        &[
            "Toyota recalls 1.2 million cars over faulty airbags.",
            "Italy-based tech firm IK Multimedia hopes to change that.",
            "Former Clinton scribe Mark Katz remembers his eloquence.",
            "\"I was terrified,\" Bacha recalls.",
            "Li hopes that his team's work will help.",
        ],
    );
    assert_eq!(m.len(), 2, "{m:?}");
}

#[test]
fn events_and_phone_interviews_are_venues() {
    let m = marks(
        URL,
        "Panel",
        &[
            "\"I'm sceptical of the timescales,\" he said at an internet of things event called Connecting the Chaos.",
            "Saeed Al Dhaheri said, during the CIOMajlis held recently in Dubai, \"Technology is driving business.\"",
            "\"There are these women and I knew them,\" she said recently over the phone from her home.",
        ],
    );
    assert!(m.is_empty(), "{m:?}");
}

#[test]
fn officials_by_according_to_and_reported_cases_are_vague() {
    let m = marks(
        URL,
        "Farah",
        &[
            "According to the local officials, the incident took place in a girls school.",
            "Global infections of roughly 394,000 people have been reported.",
            "These figures have raised expectations that the worst could be over.",
        ],
    );
    assert_eq!(m.len(), 3, "{m:?}");
    assert!(
        m.iter().all(|m| m.severity == Some(Severity::Medium)),
        "{m:?}"
    );
}

#[test]
fn people_named_at_an_event_speak_there_but_an_announcement_names_no_speaker() {
    let m = marks(
        URL,
        "Fios",
        &[
            "At a demonstration at the home of Verizon CIO Shaygan Kheradpir, Verizon executives showed off the app.",
            "\"We built Fios TV as a cloud computing product,\" Kheradpir said.",
            "The transition team announced that Carl Icahn will serve as an adviser.",
            "\"I am proud to serve,\" Icahn said.",
        ],
    );
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].text.contains("Icahn said"), "{m:?}");
}

#[test]
fn words_set_apart_after_a_colon_are_the_speakers() {
    // Retraction Watch: "It was a troubling realization, she said:" then her paragraph in the first
    // person, without quotation marks, was left clean.
    let m = marks(
        URL,
        "Paraphrasing",
        &[
            "A lightbulb went off for Rogerson.",
            "It was a troubling realization, Rogerson said:",
            "I was shocked by both the ease of use and the poor quality of output. I was also disappointed.",
        ],
    );
    assert_eq!(m.len(), 3, "{m:?}");
    assert!(m.iter().all(|m| m.reason.contains("Rogerson")), "{m:?}");
}

#[test]
fn a_passage_after_a_checkable_colon_stays_clean_and_ends_after_two_blocks() {
    let m = marks(
        URL,
        "Panel",
        &[
            "The exchange said in a statement on Monday:",
            "Withdrawals will resume within hours.",
            "The sources said the following:",
            "Withdrawals will resume within hours.",
            "Customers were told to wait.",
            "Fees rose sharply.",
        ],
    );
    let texts: Vec<&str> = m.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "The sources said the following:",
            "Withdrawals will resume within hours.",
            "Customers were told to wait."
        ],
        "{m:?}"
    );
}

#[test]
fn a_quotation_after_a_colon_ends_the_passage() {
    // A crypto page: "The anonymous sources said the following about this:", the quotation, then
    // the writer's own paragraph, which took the sources' mark.
    let m = marks(
        URL,
        "ETF",
        &[
            "The anonymous sources said the following about this:",
            "“The regulator is unlikely to prevent the products from trading next week.”",
            "A futures product is likely to be the first to be approved.",
        ],
    );
    assert_eq!(m.len(), 2, "{m:?}");
    assert!(
        !m.iter().any(|m| m.text.contains("futures product")),
        "{m:?}"
    );
}

#[test]
fn a_speaker_followed_by_a_day_still_speaks() {
    // "Biden on Monday also expressed optimism …" found only "Monday" as the speaker, and dropped it.
    let m = marks(
        URL,
        "Loans",
        &[
            "Biden on Monday also expressed optimism that his administration would defend the program.",
            "Powell on Wednesday said the committee was prepared to act.",
        ],
    );
    assert_eq!(m.len(), 2, "{m:?}");
    assert!(m[0].reason.contains("Biden"), "{m:?}");
}

#[test]
fn an_outlet_known_by_its_press_name_is_an_unlinked_source() {
    let m = marks(
        URL,
        "Outlets",
        &[
            "Both Miller and Batchelder ridiculed this idea to the Washington Post.",
            "Likewise, in his meeting with the Times, Trump appeared open to keeping the accord.",
            "He has been interviewing candidates for the job, notes Washington Examiner.",
            "An ABC News/Washington Post poll put the Democratic nominee on 47%.",
            "He spoke with Post readers at a town hall in Denver.",
        ],
    );
    assert_eq!(m.len(), 4, "{m:?}");
    assert!(m.iter().all(|m| m.severity == Some(Severity::Low)), "{m:?}");
    assert!(!m.iter().any(|m| m.text.contains("Post readers")), "{m:?}");
}

#[test]
fn an_audience_an_ama_and_a_livestream_are_venues() {
    let m = marks(
        URL,
        "Venues",
        &[
            "Zhao told an audience that the market would recover.",
            "The founder, Alex Kim, said during an AMA on Telegram that the unlock would be delayed.",
            "Saylor said in a livestream on Monday that the firm would keep buying.",
        ],
    );
    assert!(m.is_empty(), "{m:?}");
}

#[test]
fn speakers_of_an_event_named_for_its_panel_spoke_there() {
    // CIO on an internet-of-things panel: the lead names "technology executives speaking on a
    // panel", then quotes each by name; all six remarks were marked as unlinked.
    let m = marks(
        URL,
        "Internet of things",
        &[
            "These are just two of the remarks made by technology executives speaking on a panel in London today.",
            "Nigel Beighton, VP of technology at Rackspace, said there are a number of issues to address.",
            "Security, standards, trust and privacy all stand in the way, said Beighton.",
            "\"At the moment we're talking about the internet with things,\" said Keep.",
        ],
    );
    assert!(m.is_empty(), "{m:?}");
}

#[test]
fn an_events_speakers_end_at_the_next_heading() {
    let html = "<html><head><title>Panel</title></head><body><article><h1>Panel</h1>\
        <p>Executives speaking at the summit in Davos praised the deal.</p>\
        <h2>Elsewhere</h2><p>Beighton said the deal would fail.</p></article></body></html>";
    let page = chaff::Page::from_snapshot(&chaff::html::snapshot(html, URL));
    let m: Vec<Mark> = Engine::new()
        .expect("built-in rules load")
        .analyze(&page)
        .marks
        .into_iter()
        .filter(|m| m.category == Category::UnconfirmedAttribution)
        .collect();
    assert_eq!(m.len(), 1, "{m:?}");
}

#[test]
fn a_linked_document_clears_later_words_of_its_owner() {
    // CNBC: "Wednesday's <a>Fed statement</a>" then "The Fed said it would replace $400 billion …"
    // was marked as the Fed's unlinked word.
    let m = marks(
        URL,
        "Twist",
        &[
            "Some traders found Wednesday's <a href=\"http://www.cnbc.com/id/44612678/\">Fed statement</a> to be a bit gloomier than expected.",
            "The Fed said it would replace $400 billion in short-term Treasurys. But it also said it would reinvest the runoff.",
            "Jane Smith said the move was overdue.",
        ],
    );
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].text.contains("Jane Smith"), "{m:?}");
}

#[test]
fn a_name_given_in_quotation_marks_is_the_speakers_word() {
    // "Kadyrov calls him “my idol”", "what President Obama calls the “better-than-ever”
    // relationship": a named speaker's words, with no verb of saying.
    let m = marks(
        URL,
        "Calls",
        &[
            "Russian leader Vladimir Putin (Kadyrov calls him “my idol”) appointed him president of Chechnya in 2007.",
            "The team called the upgrade Dencun.",
        ],
    );
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].reason.contains("Kadyrov"), "{m:?}");
}

#[test]
fn groups_that_discovered_or_uncovered_evidence_are_vague_authorities() {
    let m = marks(
        URL,
        "Evidence",
        &[
            "That was nearly 30 years ago, yet scientists have uncovered evidence that may spur a re-examination of competition.",
            "Humans are threatening the planet, a sobering new study reports.",
            "Developers discovered a bug in the bridge contract.",
        ],
    );
    assert_eq!(m.len(), 2, "{m:?}");
    assert!(
        m.iter().all(|m| m.severity == Some(Severity::Medium)),
        "{m:?}"
    );
}

#[test]
fn an_outlet_after_a_description_of_what_it_is_is_still_named() {
    // "first reported by the on-chain analytics platform Onchain Lens": the description between
    // "by the" and the name hid the name.
    let m = marks(
        URL,
        "Whale",
        &[
            "The transfer was first reported by the on-chain analytics platform Onchain Lens.",
            "Data from the blockchain analytics firm Chainalysis shows scam revenue fell.",
            "The wallet was flagged by the exchange's own risk team.",
        ],
    );
    assert_eq!(m.len(), 2, "{m:?}");
    assert!(m[0].reason.contains("Onchain Lens"), "{m:?}");
    assert!(m[1].reason.contains("Chainalysis"), "{m:?}");
}

#[test]
fn a_venue_in_a_relative_clause_does_not_clear_the_sentence() {
    // Opposing Views: "The New York City native, who announced his support for Trump early …, has
    // been interviewing candidates …, notes Washington Examiner." The clause's "announced" cleared
    // the unlinked outlet.
    let m = marks(
        URL,
        "SEC",
        &[
            "The New York City native, who announced his support for Trump early in his campaign, has been interviewing candidates for the job, notes Washington Examiner.",
            "The exchange announced that withdrawals would resume, Smith said.",
        ],
    );
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].text.contains("Washington Examiner"), "{m:?}");
}

#[test]
fn an_interview_that_closes_the_sentence_is_the_outlets_own() {
    // Fundus batch, AP and TechCrunch: "… David Plouffe said in an interview." and "… explained to
    // TechCrunch in an interview." are interviews given to the page's own reporter; both were marked.
    let m = marks(
        "https://techcrunch.com/2024/05/rpa",
        "RPA | TechCrunch",
        &[
            "“Bots mimic clicks faster than humans,” Saikat Ray, VP analyst at Gartner, explained to TechCrunch in an interview.",
            "“There’s not a scenario here that’s easy,” senior adviser David Plouffe said in an interview.",
        ],
    );
    assert!(m.is_empty(), "{m:?}");
}

#[test]
fn written_legal_venues_clear_named_sources() {
    // Fundus batch: an affidavit, a justice writing for the court and a letter quoted by name were
    // marked as unlinked words.
    let m = marks(
        URL,
        "Court",
        &[
            "“The sheath was later processed,” Idaho police officer Brett Payne wrote in the 19-page affidavit.",
            "Justice Elena Kagan wrote for the court that the statute was plain.",
            "“Only after this report did it appear the FBI took action,” the letter stated.",
        ],
    );
    assert!(m.is_empty(), "{m:?}");
}

#[test]
fn a_post_on_a_named_platform_is_a_venue() {
    // Fundus batch, BBC: "In a Truth Social post after a meeting …, the US President said: …".
    let m = marks(
        URL,
        "Nato",
        &[
            "In a Truth Social post after a meeting with Mark Rutte, the US President said the alliance had failed.",
        ],
    );
    assert!(m.is_empty(), "{m:?}");
}

#[test]
fn allegedly_after_an_announced_arrest_qualifies_the_charge() {
    // Fundus batch, Fox News: "… announced the arrests of two New Yorkers who allegedly ran …" was
    // marked high as hearsay; a bare "allegedly" still is.
    let m = marks(
        URL,
        "Station",
        &[
            "The FBI and federal prosecutors announced the arrests of two men who allegedly ran an undisclosed police station.",
            "The hacker allegedly moved the stolen funds within hours.",
        ],
    );
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].text.contains("hacker"), "{m:?}");
}

#[test]
fn unidentified_reports_that_emerge_or_arise_are_marked() {
    // Fundus batch: "reports arise that …", "it emerged that …", "was also revealed where …" and a
    // bare "according to reports" named no report and were missed.
    let m = marks(
        URL,
        "Reports",
        &[
            "Today, reports arise that the president is considering firing his top general.",
            "It came a day after it emerged that the mayor had failed to declare the gifts.",
            "A second pattern was also revealed where staff gave in to pressure from relatives.",
            "According to reports, the officer knocked for ten minutes.",
            "On-chain data showed that half a million wallets moved funds to the exchange.",
        ],
    );
    assert_eq!(m.len(), 5, "{m:?}");
    assert!(
        m.iter().all(|m| m.severity == Some(Severity::Medium)),
        "{m:?}"
    );
}

#[test]
fn vague_groups_with_other_verbs_are_marked() {
    // Fundus batch: "experts are skeptical", "experts point to", "what many see as", "local
    // reporters have said", "Privately, both camps acknowledge" and "other critics of X, claim"
    // were missed.
    let m = marks(
        URL,
        "Oil",
        &[
            "Yet, experts are skeptical about the plan, saying it won't be cheap or easy.",
            "The answer is far from clear, and experts point to considerable hurdles.",
            "In what many see as an unforced error, the president fired his minister.",
            "Local reporters have said a loud bang was heard at the scene.",
            "Privately, at least, both camps acknowledge that victory is no sure thing.",
            "The mayor, and other critics of the toll, claim the bridge has been mismanaged for years.",
        ],
    );
    assert_eq!(m.len(), 6, "{m:?}");
}

#[test]
fn named_speakers_with_reporting_verbs_beyond_said_are_marked() {
    // Fundus batch: "admitted he was", "reported that", "compared", "has revealed she",
    // "remembered", "commended …, claiming that" were missed; the verbs come from Stanford
    // CoreNLP's list of reporting verbs. A verb with a plain object is not a report.
    let m = marks(
        URL,
        "Police",
        &[
            "Swedish Prime Minister Ulf Kristersson on Monday admitted he was concerned about the revelations.",
            "Ferit Hoxha, Albania’s foreign minister, reported that the residence of the ambassador was hit.",
            "Louise Brown, Director of the agency, compared the tactics to mafia methods.",
            "Marina Lacerda has revealed she was never allowed into the bedroom.",
            "But she remembered the sex trafficker had a massive bedframe.",
            "Prime Minister Shehbaz Sharif on Wednesday commended the armed forces for their response, claiming that five aircraft were downed.",
            "The hospital admitted 40 patients overnight.",
            "Apple reported revenue of $90 billion for the quarter.",
        ],
    );
    assert_eq!(m.len(), 6, "{m:?}");
    assert!(
        find(&m, "hospital").is_none() && find(&m, "Apple").is_none(),
        "{m:?}"
    );
}

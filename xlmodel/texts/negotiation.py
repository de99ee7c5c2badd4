"""The texts of the negotiation, built once from the facts, for the workbook and the command line.

For the recruiter: the counter-request, the follow-up, the replies to three objections and the
pieces of the Recruiter page. They quote the competing offer's concrete terms (only when the
target trails it), ask for one package on the target's own levers (a milestone bump, faster
vesting, a longer exercise window for options; the guaranteed tenure confirmed), close on a
condition and hold a short window. They never state a present value, a discount rate, the
break-even, the gap, a leave or role-cut case, or an expiry date the company did not give, and
when the target already leads they never compare the offers.

For the advisor (Summary and Negotiation): the verdict before and after tax with signed leads,
what closes the gap, the stretch flag and the package within reach.
"""
from __future__ import annotations

from . import pieces as t
from .book import COUNT, FLAG, MONEY, PERCENT, Book
from .facts import SCHEDULE_YEARS, SIDES
from .pieces import Txt, Value
from .schedule import schedule_words

TEXT_KEYS = ("counter_request", "follow_up", "reply_cant_beat", "reply_need_approval", "reply_startup_equity")
TEXT_TITLES = {"counter_request": "Counter-request", "follow_up": "Follow-up",
               "reply_cant_beat": "Reply to \"we can't beat that offer\"",
               "reply_need_approval": "Reply to \"we'll need approval\"",
               "reply_startup_equity": "Reply to \"we can't outbid a start-up's equity\""}


def build(book: Book, horizon_years: int) -> Book:
    """Every piece, in order: the facts' derived flags, the terms, the package, the texts for the
    recruiter and the advisor's sentences."""
    f = book.facts
    value = book.value
    text = book.text

    # --- flags and figures derived for the texts -----------------------------------------------
    has_rival = value("has_rival", "There is an alternative", Value(f'{f["rival.name"].f}<>""', f["rival.name"].v != ""),
                      FLAG)
    gap = f["gap"]
    leads = value("leads", "The target already leads (or ties)",
                  Value(f"AND({has_rival.f},{gap.f}=0)", bool(has_rival.v) and gap.v == 0), FLAG)
    trails = value("trails", "The target trails", Value(f"{gap.f}>0", gap.v > 0), FLAG)
    probability, factor = f["lever_probability"], f["bump_factor"]
    bump_pays = value("bump_pays", "A bump from that month can be paid",
                      Value(f"{probability.f}*{factor.f}>0", probability.v * factor.v > 0), FLAG)
    package_bump, stretch_bound, modest = f["package_bump"], f["stretch_bound"], f["modest_bump"]
    bump_value = (modest.v if bump_pays.v else 0.0) if gap.v == 0 else (
        0.0 if package_bump.v == "" else min(package_bump.v, stretch_bound.v))
    bump = value("bump", "Bump asked for (share of base): the package's, at most the stretch bound",
                 Value(f'IF({gap.f}=0,IF({bump_pays.f},{modest.f},0),IF({package_bump.f}="",0,'
                       f"MIN({package_bump.f},{stretch_bound.f})))", bump_value), PERCENT)
    has_bump = value("has_bump", "The package has a bump", Value(f"{bump.f}>0", bump.v > 0), FLAG)
    base = f["target.base"]
    bump_dollars = value("bump_dollars", "Bump asked for, in year-1 dollars a year",
                         Value(f"{bump.f}*{base.f}", bump.v * base.v), MONEY)
    stretch = value("stretch", "The bump that closes the gap is a stretch",
                    Value(f"AND({gap.f}>0,ISNUMBER({package_bump.f}),{package_bump.f}>{stretch_bound.f})",
                          gap.v > 0 and package_bump.v != "" and package_bump.v > stretch_bound.v), FLAG)
    acceleration = f["acceleration_value"]
    ahead = []  # by each schedule year, how much more of the grant the accelerated schedule has vested
    for y in range(1, SCHEDULE_YEARS + 1):
        years = range(1, y + 1)
        sooner = sum((f[f"accelerated.year.{k}"].v or 0) - (f[f"target.year.{k}"].v or 0) for k in years)
        ahead.append(value(f"ahead.{y}", f"Accelerated schedule ahead by the end of year {y} (whole percent)", Value(
            f"ROUND(100*({'+'.join(f[f'accelerated.year.{k}'].f for k in years)}"
            f"-{'-'.join(f[f'target.year.{k}'].f for k in years)}),0)", float(t.excel_round(100 * sooner))), COUNT))
    span = f"{ahead[0].f}:{ahead[-1].f.split('!')[-1]}"
    accelerate = value("accelerate", "The accelerated schedule vests sooner (never behind, ahead in some year)", Value(
        f"AND(ISNUMBER({acceleration.f}),MIN({span})>=0,MAX({span})>0)",
        acceleration.v != "" and min(a.v for a in ahead) >= 0 and max(a.v for a in ahead) > 0), FLAG)
    options = value("options", "The target grants options",
                    Value(f'{f["target.equity"].f}="options"', f["target.equity"].v == "options"), FLAG)
    tenure = value("tenure", "The target guarantees a tenure",
                   Value(f'{f["guaranteed"].f}>0', f["guaranteed"].v > 0), FLAG)
    ask_signon = f["ask_signon"]
    capped = min(ask_signon.v, stretch_bound.v * base.v) if base.v > 0 else ask_signon.v
    signon_value = capped if gap.v > 0 else modest.v * base.v
    signon_amount = value("signon_amount", "Sign-on asked for instead (at most the stretch bound of base)", Value(
        f"IF({gap.f}>0,IF({base.f}>0,MIN({ask_signon.f},{stretch_bound.f}*{base.f}),{ask_signon.f}),"
        f"{modest.f}*{base.f})", signon_value), MONEY)
    signon_item = value("signon_item", "No bump and no faster vesting: ask for a sign-on instead", Value(
        f"AND(NOT(OR({has_bump.f},{accelerate.f})),{signon_amount.f}>0)",
        not (has_bump.v or accelerate.v) and signon_amount.v > 0), FLAG)
    gap_left = f["gap_after_acceleration"]
    reach_value = min(gap.v, gap.v - gap_left.v + bump.v * probability.v * factor.v)
    reach = value("reach", "What the package asked for closes of the gap", Value(
        f"MIN({gap.f},{gap.f}-{gap_left.f}+{bump.f}*{probability.f}*{factor.f})", reach_value), MONEY)

    # --- each side's terms, as the offers file states them -------------------------------------
    terms: dict[str, dict[str, Txt]] = {}
    for side in SIDES:
        terms[side] = _terms(book, side, horizon_years)
    accelerated_words = schedule_words(book, "accelerated", "The accelerated schedule")

    # --- the package ---------------------------------------------------------------------------
    milestone = f.text("milestone")
    further = t.if_(f["has_fallback"].f, f["has_fallback"].v, "a further", "a")
    start = t.whole(f'{f["after_months"].f}+1', f["after_months"].v + 1)
    bump_share = t.short_percent(bump.f, bump.v)
    bump_full = text("item.bump", "Package item: the bump", t.join(
        further, " milestone bump of ", bump_share, " of base salary (", t.money(bump_dollars.f, bump_dollars.v),
        " a year) from month ", start, " tied to ", milestone))
    accelerate_full = text("item.accelerate", "Package item: faster vesting",
                           t.join("accelerated vesting of the initial grant (", accelerated_words, ")"))
    window = f.whole("target.window")
    window_full = text("item.window", "Package item: a longer exercise window", t.join(
        "an extended window to exercise vested options, beyond the standard ", window, " months"))
    signon_words = t.join(t.if_(f'{f["target.signon_years"].f}>0', f["target.signon_years"].v > 0,
                                "an additional", "a"), " sign-on bonus of ", t.money(signon_amount.f, signon_amount.v))
    signon_full = text("item.signon", "Package item: a sign-on instead", signon_words)
    tenure_full = text("item.tenure", "Package item: the guaranteed tenure", t.join(
        "the ", f.whole("guaranteed"), "-month guaranteed tenure confirmed in writing"))
    package = book.listing("package_words", "The package in words", [
        (has_bump, bump_full), (accelerate, accelerate_full), (options, window_full), (signon_item, signon_full),
        (tenure, tenure_full)])
    bump_short = text("short.bump", "Short item: the bump",
                      t.join(further, " milestone bump of ", bump_share, " of base tied to ", milestone))
    short = book.listing("short_words", "The package, short", [
        (has_bump, bump_short), (accelerate, t.lit("accelerated vesting of the initial grant")),
        (options, t.lit("a longer exercise window")), (signon_item, signon_full)])

    # --- the parts of the texts ----------------------------------------------------------------
    p, line = f.text("paragraph"), f.text("line")
    recruiter = f["recruiter"]
    greeting = text("greeting", "Greeting", t.if_(f'{recruiter.f}=""', recruiter.v == "", "Hi there,",
                                                 t.join("Hi ", f.text("recruiter"), ",")))
    candidate = f["candidate"]
    signature = text("signature", "Signature", t.if_(f'{candidate.f}=""', candidate.v == "", "",
                                                     t.join(p, "Best regards,", line, f.text("candidate"))))
    title = f["target.title"]
    target = f.text("target.name")
    offer_name = text("offer_name", "The offer, named", t.if_(
        f'{title.f}=""', title.v == "", t.join("the ", target, " offer"),
        t.join("the ", f.text("target.title"), " offer from ", target)))
    thanks = text("thanks", "Thanks and enthusiasm", t.join(
        "Thank you for ", offer_name, ". I'm genuinely excited about the role and the team, and I'd love to make "
        "this work."))
    rival = f.text("rival")
    rival_terms = text("rival_paragraph", "The competing offer", t.if_(
        has_rival.f, bool(has_rival.v), t.if_(
            trails.f, bool(trails.v),
            t.join("I have also received an offer from ", rival, ": ", terms["rival"]["terms"], "."),
            t.join("I have also received an offer from ", rival, ", and I'm weighing the two carefully.")), ""))
    ask = text("ask", "The ask", t.if_(f'{package.f}=""', package.v == "", "I'd be glad to go over the details.", t.if_(
        trails.f, bool(trails.v),
        t.join("Rather than asking you to match it on base, I'd like to propose one package: ", package, "."),
        t.join("To make my decision an easy one, I'd like to ask for one addition to the offer: ", package, "."))))
    respond_by = f["respond_by"]
    no_date = f'{respond_by.f}=""'
    by_date = text("respond_by_words", "Answer asked for by, in words",
                   t.if_(no_date, respond_by.v == "", "", f.date("respond_by")))
    close = text("close", "The conditional close", t.if_(
        no_date, respond_by.v == "", "If we can get there, I'm ready to sign right away.",
        t.join("If we can get there, I'm ready to sign by ", by_date, ".")))
    deadline = f["competing_deadline"]
    deadline_words = text("competing_deadline_words", "The rival's deadline, in words", t.if_(
        f'{deadline.f}=""', deadline.v == "", "", f.date("competing_deadline")))
    own = t.join("I have to answer ", rival, " by ", deadline_words, ", so could you let me know ",
                 t.if_(no_date, respond_by.v == "", "before then?", t.join("by ", by_date, "?")))
    plain = t.if_(no_date, respond_by.v == "", "Could you let me know as soon as you can?", "Could you let me know by then?")
    answer_window = text("window", "The answer window", t.if_(
        f'AND({has_rival.f},{deadline.f}<>"")', bool(has_rival.v) and deadline.v != "", own, plain))
    text("counter_request", TEXT_TITLES["counter_request"], t.join(
        greeting, p, thanks, t.if_(has_rival.f, bool(has_rival.v), t.join(p, rival_terms), ""), p, ask, p, close, " ",
        answer_window, " Thank you for working on this with me.", signature))

    sign_by = text("sign_by", "Ready to sign", t.if_(no_date, respond_by.v == "", "right away", t.join("by ", by_date)))
    text("follow_up", TEXT_TITLES["follow_up"], t.join(
        greeting, p, "A quick follow-up on ", offer_name, ": I'm still excited about the role. If we can add ", short,
        ", I'm ready to sign ", sign_by, ". Could you let me know where things stand?", signature))

    in_writing = text("in_writing", "The competing offer in writing", t.if_(
        f["redact"].f, bool(f["redact"].v), "the competing offer in writing (name redacted)",
        t.join("the ", rival, " offer in writing")))
    committee = f.whole("committee_days")
    text("reply_cant_beat", TEXT_TITLES["reply_cant_beat"], t.join(
        "I understand, and I'm not asking you to beat it on base: the base can stay as offered. What would make this "
        "work for me is ", short, ". Could we put that to the compensation committee as a formal request? I can send "
        "you ", in_writing, " today, and an answer within ", committee, " business days would let me sign ", sign_by,
        "."))
    text("reply_need_approval", TEXT_TITLES["reply_need_approval"], t.join(
        "Of course, and thank you for taking it forward. Could we make it a formal request, then: ", short, ", with ",
        in_writing, " attached? If the approval comes through ", t.if_(no_date, respond_by.v == "", "soon",
                                                                        t.join("by ", by_date)),
        ", I'm ready to sign."))
    protects = text("protects", "Why the fallback clause protects both sides", t.if_(has_bump.f, bool(has_bump.v), t.join(
        "The fallback clause protects both sides: the bump is tied to ", milestone, ", so ", target,
        " pays it only if I deliver, and I commit full time to ", target, " without the start-up's equity risk."),
        t.join("I would rather commit full time to ", target, " without the start-up's equity risk.")))
    text("reply_startup_equity", TEXT_TITLES["reply_startup_equity"], t.join(
        "I'm not asking you to outbid it. ", protects, " So my ask stays the same: ", short, ". If we can agree ",
        sign_by, ", I'm ready to sign."))

    # --- the advisor's sentences (Summary and Negotiation) -------------------------------------
    _advisor(book, has_rival, leads, trails, stretch, bump, reach, accelerate, options, short, has_bump)
    return book


def _terms(book: Book, side: str, horizon_years: int) -> dict[str, Txt]:
    """One side's terms in words: its sign-on by year, its equity, its vesting, and all of them
    in one phrase ("a base salary of $245,000, a 10% bonus target, ...")."""
    f = book.facts
    who = "Target" if side == "target" else "Best alternative"
    years = []
    for y in range(1, horizon_years + 1):
        amount = f[f"{side}.signon.{y}"]
        number = f[f"year_number.{y}"]
        flag = Value(f"N({amount.f})>0", (amount.v or 0) > 0)
        years.append((flag, t.join(f.money(f"{side}.signon.{y}"), " in year ", t.ref(number.f, str(number.v)))))
    signon = book.listing(f"{side}.signon_words", f"{who}: sign-on in words", years)
    kind = f[f"{side}.equity"]
    grant_value, shares, percent = f[f"{side}.grant_value"], f[f"{side}.shares"], f[f"{side}.percent"]
    size = book.text(f"{side}.grant_words", f"{who}: grant size in words", t.if_(
        f'{grant_value.f}<>""', grant_value.v != "", t.join(f.money(f"{side}.grant_value"), " in "),
        t.if_(f'{shares.f}<>""', shares.v != "", t.join(t.count(shares.f, shares.v or 0), " "), "")))
    of_company = book.text(f"{side}.percent_words", f"{who}: grant as a share of the company in words", t.if_(
        f'{percent.f}<>""', percent.v != "", t.join(" for ", t.fine_percent(percent.f, percent.v or 0),
                                                     " of the company"), ""))
    strike = book.text(f"{side}.strike_words", f"{who}: strike in words", t.if_(
        f'{kind.f}="options"', kind.v == "options",
        t.join(" at a ", t.price(f[f"{side}.strike"].f, f[f"{side}.strike"].v or 0), " strike"), ""))
    equity = book.text(f"{side}.equity_words", f"{who}: equity in words", t.if_(
        f'OR({kind.f}="none",{kind.f}="")', kind.v in ("none", ""), "none",
        t.join(size, t.if_(f'{kind.f}="rsu"', kind.v == "rsu", "RSUs", "stock options"), of_company, strike)))
    share = f[f"{side}.company_share"]
    derived = book.text(f"{side}.company_share_words", f"{who}: share of the company from its value, in words", t.if_(
        f'{share.f}<>""', share.v != "", t.fine_percent(share.f, share.v or 0), "not stated"))
    company = book.text(f"{side}.company_words", f"{who}: share of the company in words", t.if_(
        f'{percent.f}<>""', percent.v != "", t.fine_percent(percent.f, percent.v or 0), derived))
    vesting = schedule_words(book, side, f"{who}'s schedule")
    bonus = f[f"{side}.bonus_target"]
    has_equity = Value(f'AND({kind.f}<>"none",{kind.f}<>"")', kind.v not in ("none", ""))
    signon_once = book.text(f"{side}.signon_phrase", f"{who}: the sign-on in the terms", t.if_(
        f'AND(N({f[side + ".signon_years"].f})=1,N({f[side + ".signon.1"].f})>0)',
        f[side + ".signon_years"].v == 1 and (f[side + ".signon.1"].v or 0) > 0,
        t.join("a ", f.money(f"{side}.signon.1"), " sign-on bonus"), t.join("a sign-on of ", signon)))
    phrase = book.listing(f"{side}.terms", f"{who}: the terms in one phrase", [
        (Value(f'{f[side + ".base"].f}<>""', f[side + ".base"].v != ""),
         t.join("a base salary of ", f.money(f"{side}.base"))),
        (Value(f"N({bonus.f})>0", (bonus.v or 0) > 0), t.join("a ", f.percent(f"{side}.bonus_target"), " bonus target")),
        (Value(f"N({f[side + '.signon_years'].f})>0", (f[side + ".signon_years"].v or 0) > 0), signon_once),
        (has_equity, t.join(equity, t.if_(f'{vesting.f}=""', vesting.v == "", "", t.join(", vesting ", vesting))))])
    return {"signon": signon, "equity": equity, "company": company, "vesting": vesting, "terms": phrase}


def _advisor(book: Book, has_rival: Value, leads: Value, trails: Value, stretch: Value, bump: Value, reach: Value,
             accelerate: Value, options: Value, short: Txt, has_bump: Value) -> None:
    """The Summary's verdict (after tax first when there is tax), what closes the gap, and the
    package sentence with the stretch flag; the Negotiation sheet's words on acceleration."""
    f = book.facts
    text = book.text
    target, alternative = f.text("target.name"), f.text("rival.name")
    lead, lead_after = f["lead"], f["lead_after_tax"]
    more = t.if_(f"{f['offer_count'].f}-1>1", f["offer_count"].v - 1 > 1, ", the best of the other offers,", "")

    def signed(figure: Value) -> Txt:
        number = figure.v if figure.v != "" else 0.0
        return t.join(t.if_(f"N({figure.f})<0", number < 0, " trails ", " leads "), alternative, more, " by ",
                      t.money(f"ABS(N({figure.f}))", abs(number)))

    before = text("verdict.before", "Verdict before tax", t.if_(
        has_rival.f, bool(has_rival.v), t.join(target, signed(lead), " in present value."),
        t.join(target, " is the only offer: there is nothing to close.")))
    after = text("verdict.after", "Verdict after tax",
                 t.if_(f'{lead_after.f}=""', lead_after.v == "", "",
                       t.join("After tax, ", target, signed(lead_after), " in present value. Before tax, ")))
    tax_on = f["tax_on"]
    text("verdict", "The verdict", t.if_(f'AND({tax_on.f},{has_rival.f},{lead_after.f}<>"")',
                                         bool(tax_on.v) and bool(has_rival.v) and lead_after.v != "",
                                         t.join(after, before), before))

    base = f["target.base"]
    ask_base, ask_equity = f["ask_base"], f["ask_equity"]
    base_share = (ask_base.v / base.v) if ask_base.v != "" and base.v else 0.0
    base_stretch = t.if_(f'AND(ISNUMBER({ask_base.f}),{base.f}>0,{ask_base.f}>{f["stretch_bound"].f}*{base.f})',
                         ask_base.v != "" and base.v > 0 and ask_base.v > f["stretch_bound"].v * base.v,
                         t.join(" (a stretch: ", t.short_percent(f"{ask_base.f}/{base.f}", base_share), " of base)"),
                         "")
    base_stretch = text("asks.base_stretch", "A base ask beyond reach, flagged", base_stretch)
    asks = t.join("Each of these alone closes the gap: ", f.money("ask_base"), " more base a year", base_stretch, ", ",
                  f.money("ask_signon"), " more sign-on",
                  t.if_(f'{ask_equity.f}=""', ask_equity.v == "", "", t.join(", or ", f.money("ask_equity"),
                                                                             " more RSUs")), ".")
    asks = text("asks.each", "Each ask alone", asks)
    text("asks", "What closes the gap", t.if_(
        has_rival.f, bool(has_rival.v), t.if_(
            leads.f, bool(leads.v), t.join("No ask is needed to match ", alternative, ": the texts ask for a modest "
                                           "addition, to move ", target, " further."), asks), ""))

    gap = f.money("gap")
    package_bump = f["package_bump"]
    bound = f.percent("stretch_bound")
    needed = text("package_bump_words", "The bump that closes the gap, in words", t.if_(
        f'{package_bump.f}=""', package_bump.v == "", "", t.short_percent(package_bump.f, package_bump.v or 0)))
    stretched = t.join("A bump closing the whole ", gap, " gap would be ", needed, " of base, a stretch (above ", bound,
                       "). Within reach: ", short, ", closing ", t.money(reach.f, reach.v), " of it; the texts ask "
                       "for that.")
    closes = t.if_(f'{package_bump.f}=""', package_bump.v == "",
                   t.join("No milestone bump closes the gap (no month left to pay it, a 0% milestone or no base): the texts "
                          "ask for ", short, "."),
                   t.join("Ask for ", short, ": together they close the ", gap, " gap."))
    modest = t.join("Ask for ", short, ": sized modestly, to move ", target, " further.")
    kept, month = f["kept_leave"], f.whole("leave_month")
    protection = t.if_(accelerate.f, bool(accelerate.v), t.join(
        " Accelerated vesting keeps ", t.money(kept.f, kept.v or 0), " more of the grant if you leave at month ",
        month, "."), "")
    cost = f["exercise_cost"]
    window = t.if_(f'AND({options.f},{cost.f}<>"")', bool(options.v) and cost.v != "", t.join(
        " Keeping your vested options after leaving at month ", month, " costs ", t.money(cost.f, cost.v or 0),
        " within ", f.whole("target.window"), " months: hence the longer exercise window."), "")
    stretched = text("package_sentence.stretch", "The package for the advisor: beyond reach", stretched)
    closes = text("package_sentence.closes", "The package for the advisor: within reach", closes)
    main = text("package_sentence.main", "The package for the advisor", t.if_(
        leads.f, bool(leads.v), modest, t.if_(stretch.f, bool(stretch.v), stretched, closes)))
    protection = text("package_sentence.protection", "What acceleration protects", protection)
    window = text("package_sentence.window", "What keeping vested options costs", window)
    text("package_sentence", "The package sentence", t.if_(
        has_rival.f, bool(has_rival.v), t.join(main, protection, window), ""))

    _odds(book)
    _after_tax(book)

    acceleration = f["acceleration_value"]
    text("acceleration_words", "Why acceleration", t.if_(
        f'{acceleration.f}=""', acceleration.v == "", "", t.if_(
            accelerate.f, bool(accelerate.v),
            t.join("Accelerated vesting adds ", t.if_(
                f"ROUND({acceleration.f},0)=0", round(acceleration.v or 0) == 0, "nothing",
                f.money("acceleration_value")), " in present value (vested shares can "
                   "be held to the horizon) and keeps ", t.money(kept.f, kept.v or 0),
                   " more of the grant if you leave at month ", month, ": ask for it as protection."),
            "The accelerated schedule vests no sooner than the offer's own: the package leaves it out.")))


def _odds(book: Book) -> None:
    """The Summary's sentence on the draws: how often the best alternative pays more, and each
    side's range from its 1-in-10 to its 9-in-10 outcome (blank without draws or a rival)."""
    f = book.facts
    odds = f["odds"]

    def spread(side: str) -> Txt:
        low, high = f[f"{side}.p10"], f[f"{side}.p90"]
        same = book.value(f"odds.{side}.same", f"The draws' range: {side}, one amount (to the dollar)", Value(
            f"ROUND(IF(ISNUMBER({low.f}),{low.f},0),0)=ROUND(IF(ISNUMBER({high.f}),{high.f},0),0)",
            t.excel_round(_number(low.v)) == t.excel_round(_number(high.v))), FLAG)
        amounts = {what: book.text(f"odds.{side}.{what}", f"The draws' {words}: {side}", f.amount(f"{side}.{what}"))
                   for what, words in (("p10", "1-in-10 outcome"), ("p50", "median"), ("p90", "9-in-10 outcome"))}
        return book.text(f"odds.{side}", f"The draws' range: {side}", t.join(f.text(f"{side}.name"), t.if_(
            same.f, bool(same.v), t.join(" pays ", amounts["p50"], " in nearly every outcome"),
            t.join(" ", amounts["p10"], " to ", amounts["p90"], " (median ", amounts["p50"], ")"))))

    draws = t.count(f["draws"].f, _number(f["draws"].v))  # 1,000: the separator of the reader's language
    sentence = t.join("Over ", draws, " draws of each offer's growth and liquidity, ", f.text("rival.name"),
                      " pays more than ", f.text("target.name"), " in ", f.percent("odds"),
                      " of outcomes. From the 1-in-10 to the 9-in-10 outcome: ", spread("target"), "; ",
                      spread("rival"), ".")
    book.text("odds", "The odds over the draws", t.if_(f'{odds.f}=""', odds.v == "", "", sentence))


NO_TAX = ("No after-tax figures: the offers file has no [tax] table (set tax to TRUE on the Tax sheet, or add "
          "[tax] to the offers file).")
# The simplification every after-tax figure rests on, said where the after-tax lead is read.
AT_VEST = " Equity, options included, is taxed as wages when it vests, at its valued amount."


def _after_tax(book: Book) -> None:
    """The Summary's after-tax sentence: who leads after tax, and whether the lead before tax
    survives the taxes of the offer that had it."""
    f = book.facts
    after, before = f.text("after_tax.leader"), f.text("before_tax.leader")
    margin = f.amount("after_tax.margin")
    location = f["before_tax.location"]
    taxes = t.if_(f'OR({location.f}="none",{location.f}="")', location.v in ("none", ""),
                  "federal and payroll taxes", t.join("the taxes of ", f.text("before_tax.location")))
    flipped = book.text("after_tax.flipped", "After tax: the lead changes hands", t.join(
        "After tax ", after, " leads by ", margin, ": ", before, "'s lead before tax does not survive ", taxes, "."))
    same = book.text("after_tax.same", "After tax: the same leader", t.join(
        after, " leads before and after tax (by ", margin, " after tax)."))
    only = book.text("after_tax.only", "After tax: a single offer", t.join(
        after, " is the only offer: its after-tax present value is ", f.amount("after_tax.best"), "."))
    count = f["offer_count"]
    compared = t.if_(f"{count.f}>1", count.v > 1, t.if_(f"EXACT({after.f},{before.f})", after.v == before.v,
                                                         same, flipped), only)
    has = f["after_tax.leader"]
    book.text("after_tax", "The after-tax reading", t.if_(f'{has.f}<>""', has.v != "", t.join(compared, AT_VEST),
                                                          NO_TAX))


def _number(value) -> float:
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0


def texts_for(offers_file, valuation) -> Book:
    """Every piece, valued for the command line and the notebook (no workbook involved)."""
    from .facts import facts_for
    return build(Book(facts_for(offers_file, valuation)), offers_file.model.horizon_years)


def texts_json(book: Book) -> dict:
    """The texts for the recruiter, as `xlmodel value --json` carries them under negotiation.texts."""
    day = book.facts["follow_up_on"].v
    return {**{key: book.result(key) for key in TEXT_KEYS}, "follow_up_on": day.isoformat() if day else None}

"""The texts of the fourth held-out set (markup as in ../heldout3/make_heldout3.py).

Gathered and annotated blind (before lib/nlp, lib/data/actors.yaml or any evaluation output
was read) and committed before the pipeline was ever run on them: the untuned check of the
canonical-grouping work that follows set 3.
"""

# ruff: noqa: E501

ARTICLES: list[dict] = []

ARTICLES.append({
    "file": "cwi_alaska_summit.html",
    "org": "Committee for a Workers' International",
    "url": "https://www.socialistworld.net/?p=28498",
    "title": "Alaska summit and White House meeting: imperialist powers decide over the heads of Ukraine's people",
    "author": "",
    "date": "2025-08-21",
    "text": """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Alaska summit and White House meeting: imperialist powers decide over the heads of Ukraine's people – Socialist World</title>
<meta property="og:site_name" content="Socialist World">
<meta property="article:published_time" content="2025-08-21T09:12:00+00:00">
</head>
<body>
<header><div class="masthead">{{Socialist World – website of the Committee for a Workers' International}}</div>
<nav>{{<a href="/">Home</a> <a href="/category/europe/">Europe</a> <a href="/category/americas/">Americas</a> <a href="/category/asia/">Asia</a> <a href="/about/">About</a>}}</nav></header>
<article>
<h1>Alaska summit and White House meeting: imperialist powers decide over the heads of [[Ukraine|STATE|Ukraine]]'s people</h1>
<p class="meta">21 August 2025</p>
<p>The recent summit between President [[Trump|PERSON|Donald Trump]] and President [[Putin|PERSON|Vladimir Putin]], held in [[Alaska|PLACE|Alaska]] under the guise of “peace diplomacy,” and the hurriedly convened meeting of [[Ukraine|STATE|Ukraine]] leader, [[Vladimir Zelensky|PERSON|Volodymyr Zelensky]], and leading [[European|DEMONYM|Europe]] powers at the [[White House|ORG|White House]] on 18 August, both revealed the cynical manoeuvres of imperialist nations. In line with imperialism’s historic carving up of the world throughout the ages, these powers take a top-down, self-interested approach towards the fate of the suffering people of [[Ukraine|STATE|Ukraine]] and across the region.</p>
<p>Much to the huge frustration of the [[European|DEMONYM|Europe]] powers, [[Trump|PERSON|Donald Trump]] brought [[Putin|PERSON|Vladimir Putin]] back in from the cold. Not so long ago, the [[Russian|DEMONYM|Russia]] president was cast as a pariah, thrown into outer darkness from the so-called ‘international community’, and he remains wanted for war crimes by the [[International Criminal Court|ORG|International Criminal Court]]. In [[Anchorage|PLACE|Anchorage]], however, [[Trump|PERSON|Donald Trump]] rolled out the red carpet for [[Putin|PERSON|Vladimir Putin]] and applauded him. [[Putin|PERSON|Vladimir Putin]] emerged emboldened from the meeting, reiterating his propaganda that [[Russia|STATE|Russia]]’s invasion was justified on security, military and ideological grounds.</p>
<p>Prior to the talks, [[Zelensky|PERSON|Volodymyr Zelensky]] and other [[European|DEMONYM|Europe]] leaders – who were excluded from the [[Anchorage|PLACE|Anchorage]] meeting – lobbied [[Trump|PERSON|Donald Trump]] not to make any deals with [[Putin|PERSON|Vladimir Putin]] that involved “land swaps”. They called for [[Trump|PERSON|Donald Trump]] to push for a ceasefire (with the [[Ukraine|STATE|Ukraine]] army losing a lot of ground to [[Russian|DEMONYM|Russia]] forces, a ceasefire has become a key demand, which would allow [[Zelensky|PERSON|Volodymyr Zelensky]] and allies time to regroup).</p>
<p>[[Zelensky|PERSON|Volodymyr Zelensky]] and other [[European|DEMONYM|Europe]] leaders were initially relieved that [[Trump|PERSON|Donald Trump]] did not attempt ‘another Yalta’ (i.e. carving up territory with [[Putin|PERSON|Vladimir Putin]] over the heads of [[Zelensky|PERSON|Volodymyr Zelensky]] and [[European|DEMONYM|Europe]] leaders in the manner of [[Roosevelt|PERSON|Franklin D. Roosevelt]], [[Churchill|PERSON|Winston Churchill]] and [[Stalin|PERSON|Joseph Stalin]]). But it later emerged that [[Trump|PERSON|Donald Trump]]’s overtures to [[Putin|PERSON|Vladimir Putin]] included willingness to consider a “comprehensive peace deal” that effectively accepts [[Russia|STATE|Russia]]’s territorial gains.</p>
<p class="share">Share: Facebook · X · WhatsApp · Email</p>
</article>
<footer><p>{{© Committee for a Workers' International}} · <a href="/contact/">Contact</a></p></footer>
</body>
</html>
""",
})

ARTICLES.append({
    "file": "militant_three_years.md",
    "org": "The Militant (Socialist Workers Party, US)",
    "url": "https://themilitant.com/2025/02/22/three-years-since-moscow-invaded-back-fight-for-ukraine-sovereignty",
    "title": "Three years since Moscow invaded, back fight for Ukraine sovereignty",
    "author": "",
    "date": "2025-02-22",
    "text": """[{{The Militant}}](https://themilitant.com/) — A socialist newsweekly published in the interests of working people

[Home](/) | [Current issue](/current/) | [Archives](/archives/) | [Subscribe](/subscribe/)

Vol. 89/No. 8 — March 3, 2025 · Posted February 22, 2025

# Three years since [[Moscow|STATE|Russia]] invaded, back fight for [[Ukraine|STATE|Ukraine]] sovereignty

February 24 marks the opening of the fourth year of [[Russian|DEMONYM|Russia]] President [[Vladimir Putin|PERSON|Vladimir Putin]]’s full-scale war against the people of [[Ukraine|STATE|Ukraine]]. Ten days before, a drone strike, which [[Kyiv|STATE|Ukraine]] blamed on [[Moscow|STATE|Russia]], hit the former [[Chernobyl|PLACE|Chernobyl]] nuclear power plant in [[Ukraine|STATE|Ukraine]] near the [[Belarus|STATE|Belarus]] border. Luckily, no radiation was leaked.

On Feb. 12 President [[Donald Trump|PERSON|Donald Trump]] held a lengthy phone conversation with [[Putin|PERSON|Vladimir Putin]], declaring “the war must end.” This followed a surprise prisoner swap between [[Washington|STATE|United States]] and [[Moscow|STATE|Russia]]. [[Trump|PERSON|Donald Trump]] later called [[Ukrainian|DEMONYM|Ukraine]] President [[Volodymyr Zelensky|PERSON|Volodymyr Zelensky]] to update him. With whatever shifts, [[Trump|PERSON|Donald Trump]]’s goal, like his predecessor, is to advance the interests of [[U.S.|STATE|United States]] imperialism, not [[Ukrainian|DEMONYM|Ukraine]] sovereignty.

This is part of the unfolding consequences of the biggest military conflict in [[Europe|PLACE|Europe]] since World War II. Capitalist powers worldwide are moving to rearm and advance their own national interests against rivals and allies alike. [[Trump|PERSON|Donald Trump]] seeks to protect [[Washington|STATE|United States]]’s weakening world dominance, in [[Europe|PLACE|Europe]] and elsewhere. Driven by intensified competition over profits, markets and resources, ruling families everywhere are preparing for new wars to come.

[[Moscow|STATE|Russia]] has repeatedly attacked [[Ukraine|STATE|Ukraine]]’s urban population and vital energy infrastructure, including its four active nuclear power plants. [[Putin|PERSON|Vladimir Putin]]’s goal is to try to demoralize [[Ukrainian|DEMONYM|Ukraine]] working people and blunt their fierce resistance. The drone armed with a warhead that hit [[Chernobyl|PLACE|Chernobyl]] was one of 133 launched by [[Russian|DEMONYM|Russia]] forces the night of Feb. 13, 73 of which were intercepted.

At the same time, [[Putin|PERSON|Vladimir Putin]]’s forces have suffered massive casualties and loss of equipment and weaponry. Photographs and intercepted military communications show [[Russian|DEMONYM|Russia]] troops are now being provided with donkeys to move ammunition and supplies on the front in eastern [[Ukraine|STATE|Ukraine]].

---

{{*Related:* [Ukraine war](/tag/ukraine/) · [Russia](/tag/russia/)}}

{{© The Militant · 306 W. 37th Street, New York, NY 10018}}
""",
})

ARTICLES.append({
    "file": "wsws_alaska_talks.txt",
    "org": "World Socialist Web Site",
    "url": "https://www.fogolf.com/1030208/eu-denounces-trump-putin-talks-in-alaska-over-ukraine",
    "title": "EU denounces Trump-Putin talks in Alaska over Ukraine",
    "author": "",
    "date": "2025-08-12",
    "text": """{{World Socialist Web Site}}
{{wsws.org · Published by the International Committee of the Fourth International}}
{{Menu   Home   Perspectives   Europe   Workers Struggles   Search}}

[[EU|ORG|European Union]] denounces [[Trump|PERSON|Donald Trump]]-[[Putin|PERSON|Vladimir Putin]] talks in [[Alaska|PLACE|Alaska]] over [[Ukraine|STATE|Ukraine]]
12 August 2025

President [[Donald Trump|PERSON|Donald Trump]] reads from a paper and [[European Commission|ORG|European Commission]] President [[Ursula von der Leyen|PERSON|Ursula von der Leyen]] listens after reaching a trade deal between the [[U.S.|STATE|United States]] and the [[EU|ORG|European Union]] at the [[Trump Turnberry|PLACE|Trump Turnberry]] golf course in [[Turnberry|PLACE|Turnberry]], [[Scotland|PLACE|Scotland]] Sunday, July 27, 2025. {{[AP Photo/Jacquelyn Martin]}}

Since [[Trump|PERSON|Donald Trump]] suddenly announced Friday that he would meet with [[Russian|DEMONYM|Russia]] President [[Vladimir Putin|PERSON|Vladimir Putin]] in [[Alaska|PLACE|Alaska]] for peace talks on the [[NATO|ORG|NATO]]-[[Russia|STATE|Russia]] war in [[Ukraine|STATE|Ukraine]], [[European|DEMONYM|Europe]] media have denounced the talks as [[European|DEMONYM|Europe]] officials called for a continuing hard line against [[Russia|STATE|Russia]].

[[European|DEMONYM|Europe]] media are unrelentingly hostile to any talk of peace in [[Ukraine|STATE|Ukraine]]. This has “set off alarm bells in [[Ukraine|STATE|Ukraine]] and across [[Europe|PLACE|Europe]],” the [[Financial Times|ORG|Financial Times]] of [[London|PLACE|London]] wrote, while [[Le Monde|ORG|Le Monde]] in [[Paris|PLACE|Paris]] denounced it as “a trap.” [[Germany|STATE|Germany]]’s [[Der Spiegel|ORG|Der Spiegel]] raised the decisive question, writing, “In [[European|DEMONYM|Europe]] capitals, people are now asking themselves: Can the impatient [[Trump|PERSON|Donald Trump]] still be persuaded not to neglect [[European|DEMONYM|Europe]] interests?”

For now, however, the [[European|DEMONYM|Europe]] governments are debating whether to redefine how to pursue their interests in [[Ukraine|STATE|Ukraine]] in response to [[Trump|PERSON|Donald Trump]]’s latest policy. Last year, [[French|DEMONYM|France]] President [[Emmanuel Macron|PERSON|Emmanuel Macron]] called to escalate social cuts to finance the deployment of [[French|DEMONYM|France]] ground troops to [[Ukraine|STATE|Ukraine]]. This year, after [[Britain|STATE|United Kingdom]] and [[France|STATE|France]] formed a “coalition of the willing” of [[European|DEMONYM|Europe]] states ready supposedly to fight [[Russia|STATE|Russia]] in [[Ukraine|STATE|Ukraine]] without [[US|STATE|United States]] help, [[German|DEMONYM|Germany]] Chancellor [[Friedrich Merz|PERSON|Friedrich Merz]] called to send his Taurus missiles to [[Ukraine|STATE|Ukraine]] for long-range bombings across [[Russia|STATE|Russia]].

Since [[Trump|PERSON|Donald Trump]]’s latest announcement, however, [[European|DEMONYM|Europe]] officials are stepping back, for now, from calls for what would be a total war with [[Russia|STATE|Russia]], instead accepting to talk of peace while tacking closer to [[Trump|PERSON|Donald Trump]] in the name of trans-Atlantic unity. After an informal videoconference of [[European Union|ORG|European Union]] ([[EU|ORG|European Union]]) foreign ministers yesterday evening, [[EU|ORG|European Union]] foreign policy chief [[Kaja Kallas|PERSON|Kaja Kallas]] issued a brief statement, declaring: […]

{{Read more: Perspectives · Europe · Ukraine war}}
Contact us: wsws.org/contact
""",
})

ARTICLES.append({
    "file": "imt_trump_zelensky.md",
    "org": "International Marxist Tendency (In Defence of Marxism)",
    "url": "https://marxist.com/behind-the-trump-zelensky-clash.htm",
    "title": "Behind the Trump-Zelensky clash",
    "author": "Alan Woods",
    "date": "2025-03-03",
    "text": """{{[In Defence of Marxism](https://marxist.com/) · Marxist.com — International Marxist Tendency}}

* [Home](/) * [World](/world.htm) * [Theory](/theory.htm) * [Books](/books.htm) * [Join us](/join.htm)

# Behind the [[Trump|PERSON|Donald Trump]]-[[Zelensky|PERSON|Volodymyr Zelensky]] clash

**{{Alan Woods}}** · 03 March 2025

Image: own work · Share · Tweet

The [[Chinese|DEMONYM|China]] have an old saying: the greatest misfortune that can befall a man is to live in interesting times. The truth of that ancient wisdom has now suddenly dawned on the rulers of the western world. The public row between [[Ukrainian|DEMONYM|Ukraine]] President [[Volodymyr Zelensky|PERSON|Volodymyr Zelensky]] and [[US|STATE|United States]] President [[Donald Trump|PERSON|Donald Trump]] and Vice-President [[JD Vance|PERSON|JD Vance]] hit the world with the force of a violent tsunami.

[[Western|DEMONYM|The West]] leaders must have looked at the extraordinary scenes coming out of the [[Oval Office|PLACE|Oval Office]] with a mixture of stunned disbelief, shock and utter horror. That was quite understandable.

On the face of it, the cause of the unprecedented row in the [[Oval Office|PLACE|Oval Office]] may seem almost trivial. For some weeks before the fateful meeting, [[Donald Trump|PERSON|Donald Trump]] had been boasting that he had arrived at a fantastic deal with the man in [[Kyiv|PLACE|Kyiv]], whereby the [[US|STATE|United States]] would be handed control over vast quantities of mineral wealth, which (so we’re told) lie beneath the soil of [[Ukraine|STATE|Ukraine]].

President [[Zelensky|PERSON|Volodymyr Zelensky]] was supposed to be coming to [[Washington|PLACE|Washington, D.C.]] for the purpose of signing this deal – neither more nor less. In the event, however, things turned out differently.

Ironically, it was [[Zelensky|PERSON|Volodymyr Zelensky]] himself who first raised the question of mineral rights, which he clearly intended as a bribe to the [[Americans|DEMONYM|United States]]. By dangling the tempting prospect of vast quantities of rare mineral wealth, offered in exchange for future arms deliveries, he hoped to entangle the [[Americans|DEMONYM|United States]] in a deal that would guarantee the continued flow of arms and cash to [[Kyiv|STATE|Ukraine]].

Unfortunately for him, [[Trump|PERSON|Donald Trump]] interpreted the idea in quite a different sense. Arguing that the [[USA|STATE|United States]] has already given the [[Ukrainians|DEMONYM|Ukraine]] huge amounts of cash to subsidise their war (the sum of $350 billion was mentioned), he was expecting some kind of return on his capital outlay.

The businessman who now sits in the [[White House|ORG|White House]] was thinking in purely commercial terms.

---

{{Tags: USA · Ukraine · Europe}}

**Join the revolutionary communists!** Sign up at marxist.com/join
""",
})

ARTICLES.append({
    "file": "presstv_us_backs_down.html",
    "org": "Press TV",
    "url": "https://www.presstv.ir/Detail/2022/01/26/675589/US-backs-down,-responds-to-Russia-s-demands,-seeks-dialogue",
    "title": "US backs down, responds to Russia's demands, seeks dialogue",
    "author": "",
    "date": "2022-01-26",
    "text": """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>PressTV-US backs down, responds to Russia's demands, seeks dialogue</title>
<meta name="description" content="After ratcheting up tensions with Russia, the United States now appears to be backing down.">
<meta property="og:site_name" content="PressTV">
</head>
<body>
<div id="top">{{<a href="/">PressTV</a> <a href="/Section/101">Iran</a> <a href="/Section/102">Middle East</a> <a href="/Section/103">World</a> <a href="/Section/104">Live</a>}}</div>
<div class="breadcrumb">{{News   /   Foreign Policy   /   Russia   /   Editor's Choice}}</div>
<div class="news">
<h1>[[US|STATE|United States]] backs down, responds to [[Russia|STATE|Russia]]'s demands, seeks dialogue</h1>
<p class="date">Wednesday, 26 January 2022 9:16 PM</p>
<figure><figcaption>[[US|STATE|United States]] Rep. [[Ilhan Omar|PERSON|Ilhan Omar]] (D-MN) (L) talks with Speaker of the House [[Nancy Pelosi|PERSON|Nancy Pelosi]] (D-CA) during a rally with fellow [[Democrats|ORG|Democratic Party (US)]] before voting on H.R. 1, or the People Act, on the East Steps of the [[US Capitol|PLACE|US Capitol]] on March 08, 2019 in [[Washington, DC|PLACE|Washington, D.C.]] {{(AFP photo)}}</figcaption></figure>
<figure><figcaption>[[US|STATE|United States]] Secretary of State [[Antony Blinken|PERSON|Antony Blinken]] speaks about [[Russia|STATE|Russia]] and [[Ukraine|STATE|Ukraine]] during a briefing at the [[State Department|ORG|US State Department]] in [[Washington|PLACE|Washington, D.C.]], [[US|STATE|United States]], January 26, 2022. {{(Reuters photo)}}</figcaption></figure>
<p>After ratcheting up tensions with [[Russia|STATE|Russia]], the [[United States|STATE|United States]] now appears to be backing down. [[Washington|STATE|United States]] has delivered written replies to sweeping [[Russian|DEMONYM|Russia]] security demands and sought dialogue over [[Ukraine|STATE|Ukraine]].</p>
<p>[[US|STATE|United States]] Secretary of State [[Antony Blinken|PERSON|Antony Blinken]] announced that the [[US|STATE|United States]] delivered on Wednesday the written response to [[Russian|DEMONYM|Russia]] security demands that [[Moscow|STATE|Russia]] has called for.</p>
<p>The [[United States|STATE|United States]] claims that [[Russia|STATE|Russia]] has been amassing thousands of troops on the border with [[Ukraine|STATE|Ukraine]] to attack [[Ukraine|STATE|Ukraine]]. [[Moscow|STATE|Russia]] has rejected the allegations and said the troop build-up is defensive.</p>
<p>[[Washington|STATE|United States]] has insisted upon expanding the [[North Atlantic Treaty Organization|ORG|NATO]] ([[NATO|ORG|NATO]]) into the former [[Soviet|DEMONYM|Soviet Union]] states of [[Eastern Europe|PLACE|Eastern Europe]], including [[Ukraine|STATE|Ukraine]], and the nations of the defunct [[Warsaw Pact|ORG|Warsaw Pact]], since the Cold War ended. [[Russia|STATE|Russia]] has vowed to counter any such [[Western|DEMONYM|The West]] attempts and made security demands.</p>
<p>[[Blinken|PERSON|Antony Blinken]] said that [[US|STATE|United States]] ambassador to [[Moscow|STATE|Russia]] [[John Sullivan|PERSON|John Sullivan]] handed over the document in person to The [[Kremlin|ORG|Kremlin]] on Wednesday that addressed [[Russia|STATE|Russia]]'s concerns and raised those of the [[United States|STATE|United States]] and its allies.</p>
<p>The [[US|STATE|United States]] secretary did not provide details what was in the document, but said it was sent with the approval of President [[Joe Biden|PERSON|Joe Biden]] and that [[Biden|PERSON|Joe Biden]] was involved in its drafting.</p>
<p>He told reporters the document has a principled and pragmatic evaluation of [[Russia|STATE|Russia]]’s concerns. He added that the [[United States|STATE|United States]] was open to dialogue.</p>
</div>
<div class="share">Share: Twitter Facebook Telegram VK</div>
<footer><p>{{© 2022 PressTV}} · All rights reserved · <a href="/Default/Contact">Contact</a></p></footer>
</body>
</html>
""",
})

ARTICLES.append({
    "file": "thehill_small_steps.html",
    "org": "The Hill",
    "url": "https://thehill.com/policy/international/587129-biden-administration-welcomes-small-steps-toward-diplomacy-with-russia",
    "title": "Biden administration welcomes 'small' steps toward diplomacy with Russia",
    "author": "",
    "date": "2021-12-30",
    "text": """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Biden administration welcomes 'small' steps toward diplomacy with Russia | TheHill</title>
<meta property="og:site_name" content="TheHill">
<meta property="article:published_time" content="2021-12-30T18:02:11-05:00">
<meta property="article:section" content="International">
</head>
<body>
<div class="cookie-consent">We use cookies to personalize content and ads. <a href="/privacy">Privacy policy</a> <button>OK</button></div>
<header><a class="logo" href="/">{{The Hill}}</a> <nav><a href="/news/">News</a> <a href="/policy/">Policy</a> <a href="/opinion/">Opinion</a> <a href="/video/">Video</a> <a href="/newsletters/">Newsletters</a></nav></header>
<main>
<h1>[[Biden|PERSON|Joe Biden]] administration welcomes 'small' steps toward diplomacy with [[Russia|STATE|Russia]]</h1>
<p class="submitted">12/30/21 6:02 PM ET</p>
<p>The [[Biden|PERSON|Joe Biden]] administration is welcoming positive, albeit modest, steps toward diplomacy with [[Russia|STATE|Russia]] amid heightened tensions over whether [[Moscow|STATE|Russia]] will launch a military offensive against [[Ukraine|STATE|Ukraine]].</p>
<p>A senior administration official on Thursday said recent comments by [[Russian|DEMONYM|Russia]] Foreign Minister [[Sergey Lavrov|PERSON|Sergey Lavrov]] acknowledging [[American|DEMONYM|United States]] concerns over [[Russia|STATE|Russia]]’s actions and demands signaled an openness to diplomatic talks expected to take place in January. </p>
<p>“Our approach is understood to the [[Russians|DEMONYM|Russia]] in this regard,” the official said in a briefing with reporters. “That is what diplomacy is, that's what a negotiation is, and that's what we plan to undertake.”</p>
<p>[[Lavrov|PERSON|Sergey Lavrov]], in an interview with [[Russia|STATE|Russia]]'s state-controlled [[RT Television|ORG|RT]] late Wednesday, said that [[Moscow|STATE|Russia]] stands ready to discuss [[American|DEMONYM|United States]] concerns.</p>
<p>"The [[Americans|DEMONYM|United States]] have said that they are ready to discuss some of the concerns we have put on paper, that our other concerns are unacceptable to them, and that they have their own concerns as well. We are ready to discuss them, but they have not yet presented them," he said.  </p>
<p>The [[Biden|PERSON|Joe Biden]] administration plans to lock down a location and date for bilateral talks between [[Washington|STATE|United States]] and [[Moscow|STATE|Russia]] in early January, the official said, as [[Washington|STATE|United States]], allies in [[NATO|ORG|NATO]] and [[Kyiv|STATE|Ukraine]] remain on high alert with nearly 200,000 [[Russian|DEMONYM|Russia]] troops massing on [[Ukraine|STATE|Ukraine]]’s border. </p>
<p>“We are continuing to watch closely [[Russia|STATE|Russia]]'s alarming movement of forces and deployments along the border with [[Ukraine|STATE|Ukraine]],” the official said.</p>
<p>[[Russian|DEMONYM|Russia]] President [[Vladimir Putin|PERSON|Vladimir Putin]]<span class="rollover-people">{{Vladimir Vladimirovich PutinUK prime minister to call Putin in attempt to stop Ukraine invasion Belarusian president vows war if Russia, Belarus attacked Biden says he'll send troops to Eastern Europe in 'near term' MORE}}</span> has issued a list of security demands of the [[U.S.|STATE|United States]], [[NATO|ORG|NATO]] and [[Ukraine|STATE|Ukraine]] in what he says are efforts to safeguard [[Russia|STATE|Russia]] […]</p>
</main>
<footer><p>{{The Hill 1625 K Street, NW Suite 900 Washington DC 20006}} | 202-628-8500 tel | 202-628-8503 fax · {{© 1998 - 2021 Nexstar Media Inc.}} | All Rights Reserved.</p></footer>
</body>
</html>
""",
})

ARTICLES.append({
    "file": "fi_hands_off_ukraine.txt",
    "org": "Fourth International",
    "url": "https://fourth.international/en/europe/424",
    "title": "Against Russian imperialism, hands off Ukraine!",
    "author": "",
    "date": "2022-02-22",
    "text": """{{Fourth International}}
{{Home | Europe | Americas | Asia | Africa | Documents | Contact}}

{{Europe}}
22 February 2022

Against [[Russian|DEMONYM|Russia]] imperialism, hands off [[Ukraine|STATE|Ukraine]]!

[[Putin|PERSON|Vladimir Putin]] has just finished his speech to the people of [[Russia|STATE|Russia]]. The man who calls himself president began his speech with an anti-communist eulogy, claiming that [[Vladimir Ilyich Lenin|PERSON|V. I. Lenin]] was the creator of [[Ukraine|STATE|Ukraine]] and that its existence in its present form is the result of the [[Bolsheviks|ORG|Bolshevik Party]]' national policy. By accusing the [[Bolsheviks|ORG|Bolshevik Party]] of "feeding the nationalists", [[Putin|PERSON|Vladimir Putin]] is covering up the worst and most repugnant form of nationalism - Great Russian chauvinism.

In this context, [[Putin|PERSON|Vladimir Putin]] threatened to show [[Ukrainians|DEMONYM|Ukraine]] what "de-communisation" means. Given the context of his speech, these words could be seen as nothing less than a threat of direct intervention in [[Ukraine|STATE|Ukraine]]. Not surprisingly, while criticising Leninist national policies, [[Putin|PERSON|Vladimir Putin]] threw stones at the planned economy, nationalisations and praised Stalinism.

The persecution of the opposition, corruption, rising prices for goods and services, the lack of independent courts and everything [[Putin|PERSON|Vladimir Putin]] said about [[Ukraine|STATE|Ukraine]] gives the impression that he was talking about [[Russia|STATE|Russia]]. We don't deny that the reforms underway in [[Ukraine|STATE|Ukraine]] are leading to monstrous social inequalities, impoverishment, unemployment and other problems. But we firmly believe that the fate of [[Ukraine|STATE|Ukraine]] must be decided by the workers and all the oppressed in that country, not by [[Russian|DEMONYM|Russia]] military hardware and pro-[[Russian|DEMONYM|Russia]] lobbyists. [[Ukraine|STATE|Ukraine]]'s debts to the [[Russian Federation|STATE|Russia]], which [[Putin|PERSON|Vladimir Putin]] reminded us of, are no reason for a military invasion. The [[Ukrainian|DEMONYM|Ukraine]] people have not become indebted to [[Russia|STATE|Russia]]; let the [[Russian|DEMONYM|Russia]] government claim these debts from those to whom it has given them, including [[Viktor Yanukovych|PERSON|Viktor Yanukovych]], who resides safely on the territory of the [[Russian Federation|STATE|Russia]].

The violation of the Minsk agreements is the work not only of [[Kiev|STATE|Ukraine]], but also of [[Moscow|STATE|Russia]], which has no intention of ceasing to support its imperialist enclaves in the so-called "People's Republics".

Share: Facebook | Twitter | Telegram
{{Tags: Ukraine, Russia, Imperialism}}
""",
})

ARTICLES.append({
    "file": "hrw_occupied_south.html",
    "org": "Human Rights Watch",
    "url": "https://www.hrw.org/news/2022/07/22/ukraine-torture-disappearances-occupied-south",
    "title": "Ukraine: Torture, Disappearances in Occupied South",
    "author": "",
    "date": "2022-07-22",
    "text": """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Ukraine: Torture, Disappearances in Occupied South | Human Rights Watch</title>
<meta property="og:site_name" content="Human Rights Watch">
<meta property="og:title" content="Ukraine: Torture, Disappearances in Occupied South">
</head>
<body>
<a class="skip" href="#main-content">Skip to main content</a>
<header><a class="logo" href="/">{{Human Rights Watch}}</a> <nav><a href="/countries">Countries</a> <a href="/topics">Topics</a> <a href="/reports">Reports</a> <a href="/donate">Donate now</a></nav></header>
<main id="main-content">
<h1>[[Ukraine|STATE|Ukraine]]: Torture, Disappearances in Occupied South</h1>
<p class="subtitle">Apparent War Crimes by [[Russian|DEMONYM|Russia]] Forces in [[Kherson|PLACE|Kherson]], [[Zaporizhzhia|PLACE|Zaporizhzhia]] Regions</p>
<p class="date">July 22, 2022 12:00AM EDT</p>
<figure><figcaption>[[Russian|DEMONYM|Russia]] servicemen on the roadside in [[Kherson|PLACE|Kherson]] region, [[Ukraine|STATE|Ukraine]]. {{© 2022 Olga Maltseva/AFP/Getty Images}}</figcaption></figure>
<p>([[Kyiv|PLACE|Kyiv]]) – [[Russian|DEMONYM|Russia]] forces have tortured, unlawfully detained, and forcibly disappeared civilians in the occupied areas of [[Kherson|PLACE|Kherson]] and [[Zaporizhzhia|PLACE|Zaporizhzhia]] regions, [[Human Rights Watch|ORG|Human Rights Watch]] said today. [[Russian|DEMONYM|Russia]] forces have also tortured prisoners of war (POWs) held there.</p>
<p>“[[Russian|DEMONYM|Russia]] forces have turned occupied areas of southern [[Ukraine|STATE|Ukraine]] into an abyss of fear and wild lawlessness,” said [[Yulia Gorbunova|PERSON|Yulia Gorbunova]], senior [[Ukraine|STATE|Ukraine]] researcher at [[Human Rights Watch|ORG|Human Rights Watch]]. “Torture, inhumane treatment, as well as arbitrary detention and unlawful confinement of civilians, are among the apparent war crimes we have documented, and [[Russian|DEMONYM|Russia]] authorities need to end such abuses immediately and understand that they can, and will, be held accountable.”</p>
<p>[[Human Rights Watch|ORG|Human Rights Watch]] spoke with 71 people from [[Kherson|PLACE|Kherson]], [[Melitopol|PLACE|Melitopol]], [[Berdyansk|PLACE|Berdyansk]], [[Skadovsk|PLACE|Skadovsk]] and 10 other cities and towns in the [[Kherson|PLACE|Kherson]] and [[Zaporizhzhia|PLACE|Zaporizhzhia]] regions. They described 42 cases in which [[Russian|DEMONYM|Russia]] occupation forces either forcibly disappeared civilians or otherwise held them arbitrarily, in some cases incommunicado, and tortured many of them. [[Human Rights Watch|ORG|Human Rights Watch]] also documented the torture of three members of the [[Territorial Defense Forces|ORG|Territorial Defense Forces (Ukraine)]] who were POWs. Two of them died.</p>
<p>The purpose of the abuse seems to be to obtain information and to instill fear so that people will accept the occupation, as [[Russia|STATE|Russia]] seeks to assert sovereignty over occupied territory in violation of international law, [[Human Rights Watch|ORG|Human Rights Watch]] said.</p>
<p>People interviewed described being tortured, or witnessing torture, through prolonged beatings and in some cases electric shocks. They described injuries including broken ribs and other bones and teeth, severe burns, concussions, broken blood vessels in the eye, cuts, and bruises.</p>
<p>A formerly detained protest organizer, who requested anonymity, said [[Russian|DEMONYM|Russia]] forces beat him with a baseball bat in detention.</p>
<p class="share">Share this via Facebook · Share this via Twitter · Share this via Email · Print</p>
</main>
<footer><p>{{Human Rights Watch · 350 Fifth Avenue, 34th Floor · New York, NY 10118-3299 USA}}</p></footer>
</body>
</html>
""",
})

ARTICLES.append({
    "file": "commondreams_peace_movement.html",
    "org": "Common Dreams",
    "url": "https://commondreams.org/news/2022/02/18/biden-convinced-putin-will-invade-peace-movement-opposes-any-war-over-ukraine",
    "title": "Biden 'Convinced' Putin Will Invade, Peace Movement Opposes Any War Over Ukraine",
    "author": "",
    "date": "2022-02-18",
    "text": """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Biden 'Convinced' Putin Will Invade, Peace Movement Opposes Any War Over Ukraine | Common Dreams</title>
<meta property="og:site_name" content="Common Dreams">
<meta name="date" content="2022-02-18">
</head>
<body>
<div class="banner"><p>SUBSCRIBE TO OUR FREE NEWSLETTER</p><p>Daily news &amp; progressive opinion—funded by the people, not the corporations—delivered straight to your inbox.</p><p>To donate by check, phone, or other method, see our More Ways to Give page.</p></div>
<header><a class="logo" href="/">{{Common Dreams}}</a> <nav><a href="/news">News</a> <a href="/views">Views</a> <a href="/newswire">Newswire</a> <a href="/donate">Donate</a></nav></header>
<article>
<h1>[[Biden|PERSON|Joe Biden]] 'Convinced' [[Putin|PERSON|Vladimir Putin]] Will Invade, Peace Movement Opposes Any War Over [[Ukraine|STATE|Ukraine]]</h1>
<p class="date">Feb 18, 2022</p>
<p>With [[U.S.|STATE|United States]] President [[Joe Biden|PERSON|Joe Biden]] "convinced" that [[Russian|DEMONYM|Russia]] President [[Vladimir Putin|PERSON|Vladimir Putin]] is planning not only confirmed nuclear drills but also an invasion of [[Ukraine|STATE|Ukraine]] that [[Moscow|STATE|Russia]] has repeatedly denied, the global peace movement on Friday reiterated calls for de-escalation.</p>
<p>"[[Stop the War|ORG|Stop the War Coalition]] opposes any war over [[Ukraine|STATE|Ukraine]], and believes the crisis should be settled on a basis which recognizes the right of the [[Ukrainian|DEMONYM|Ukraine]] people to self-determination and addresses [[Russia|STATE|Russia]]'s security concerns," declares a statement from the [[U.K.|STATE|United Kingdom]]-based coalition signed by thousands of people.</p>
<p>The [[Russian Ministry of Foreign Affairs|ORG|Ministry of Foreign Affairs of Russia]] on Thursday accused the [[Biden|PERSON|Joe Biden]] administration of ignoring [[Moscow|STATE|Russia]]'s security demands--including [[Ukraine|STATE|Ukraine]]'s exclusion from the [[North Atlantic Treaty Organization|ORG|NATO]] ([[NATO|ORG|NATO]])--but also insisted that "there is no '[[Russian|DEMONYM|Russia]] invasion' of [[Ukraine|STATE|Ukraine]]."</p>
<p>Despite the assurance from [[Moscow|STATE|Russia]], when asked Friday if there is any indication whether [[Putin|PERSON|Vladimir Putin]] has decided to invade [[Ukraine|STATE|Ukraine]], [[Biden|PERSON|Joe Biden]] told reporters--without providing any further details or evidence--that "as of this moment, I'm convinced he's made the decision. We have reason to believe that."</p>
<p>Members of the [[Biden|PERSON|Joe Biden]] administration--and other [[Western|DEMONYM|The West]] officials--have also recently claimed, without offering proof, that [[Russia|STATE|Russia]] will engage in a false flag operation as a pretext for invasion.</p>
<p>Eight years into fighting in [[Ukraine|STATE|Ukraine]]'s [[Donbas|PLACE|Donbas]] region, pro-[[Russian|DEMONYM|Russia]] separatists and [[Ukrainian|DEMONYM|Ukraine]] forces on Thursday accused each other of violating a cease-fire.</p>
<p class="license">Our work is licensed under Creative Commons (CC BY-NC-ND 3.0). Feel free to republish and share widely.</p>
</article>
<footer><p>{{© 2022 Common Dreams}} · <a href="/about-us">About</a> · <a href="/privacy">Privacy</a></p></footer>
</body>
</html>
""",
})

ARTICLES.append({
    "file": "labourbriefing_stop_the_war.txt",
    "org": "Labour Briefing Co-operative",
    "url": "https://labourbriefingcooperative.net/2022/02/26/stop-the-war/ (statement completed from https://www.counterfire.org/articles/opinion/23000-stop-the-drive-to-war-return-to-diplomacy-stop-the-war-statement-on-ukraine)",
    "title": "Stop the war",
    "author": "",
    "date": "2022-02-26",
    "text": """{{LABOUR BRIEFING}}
For socialist ideas in the labour movement
Home   About   Subscribe   Archive   Contact

Stop the war
February 26, 2022 · Editorial

No socialist can support the [[Russian|DEMONYM|Russia]] attack on [[Ukraine|STATE|Ukraine]]. We oppose and condemn [[Russia|STATE|Russia]]’s military incursion and call for the withdrawal of [[Russian|DEMONYM|Russia]] forces from [[Ukraine|STATE|Ukraine]] and an end to the bombing.

But, while opposing [[Russia|STATE|Russia]]’s actions, socialists must also try to understand them. In the fog of war propaganda pumped out by mainstream media in the [[UK|STATE|United Kingdom]] it would be easy to be misled into thinking the [[Russians|DEMONYM|Russia]] are behaving like madmen (as [[The Sun|ORG|The Sun]] puts it). The [[Russians|DEMONYM|Russia]] have long standing concerns about [[NATO|ORG|NATO]]’s eastward encroachment and their encirclement by hostile states with their weapons pointed at [[Moscow|PLACE|Moscow]]. The repeated [[NATO|ORG|NATO]] or [[US|STATE|United States]]/[[UK|STATE|United Kingdom]] attacks on states allied to [[Russia|STATE|Russia]], such as [[Afghanistan|STATE|Afghanistan]], [[Iraq|STATE|Iraq]], [[Serbia|STATE|Serbia]] and [[Syria|STATE|Syria]], makes those concerns more understandable. While opposing the latest [[Russian|DEMONYM|Russia]] attacks, we are aware they are only doing what [[NATO|ORG|NATO]] has already long been doing.

The [[Labour Briefing Co-op|ORG|Labour Briefing Co-operative]] believes the situation in [[Ukraine|STATE|Ukraine]] must be settled by de-escalation, dialogue and negotiation and not by resort to further military conflict. We encourage our readers to support protests and political action against the [[British|DEMONYM|United Kingdom]] government’s warlike rhetoric and encouragement of arms sales to the region. Support and circulate the [[Stop the War|ORG|Stop the War Coalition]] statement against war and join with working people everywhere in the ongoing struggle for peace.

[[Stop the War Coalition|ORG|Stop the War Coalition]] statement on [[Ukraine|STATE|Ukraine]] – 24/02/22

[[Stop the War|ORG|Stop the War Coalition]] condemns the movement of [[Russian|DEMONYM|Russia]] forces into [[Ukraine|STATE|Ukraine]] and urges that they immediately withdraw. We call for an immediate ceasefire alongside the resumption of diplomatic negotiations to resolve the crisis.

This dispute could and should be resolved peacefully, and that remains the only basis for a lasting settlement, rather than the imposition of military solutions. That it has not been resolved is not, however, the responsibility of the [[Russian|DEMONYM|Russia]] or [[Ukrainian|DEMONYM|Ukraine]] governments alone.

The conflict is the product of thirty years of failed policies, including the expansion of [[NATO|ORG|NATO]] and [[US|STATE|United States]] hegemony at the expense of other countries as well as major wars of aggression by the [[USA|STATE|United States]], [[Britain|STATE|United Kingdom]] and other [[NATO|ORG|NATO]] powers which have undermined international law and the [[United Nations|ORG|United Nations]].

The [[British|DEMONYM|United Kingdom]] government has played a provocative role in the present crisis, talking up war, decrying diplomacy as appeasement and escalating arms supplies and military deployments to [[Eastern Europe|PLACE|Eastern Europe]].

If there is to be a return to diplomacy, as there should be, the [[British|DEMONYM|United Kingdom]] government should pledge to oppose any further eastward expansion of [[NATO|ORG|NATO]] and should encourage a return to the Minsk-2 agreement, already signed by both sides, by all parties as a basis for ending the crisis in relations between [[Ukraine|STATE|Ukraine]] and [[Russia|STATE|Russia]].

Beyond that, there now needs to be a unified effort to develop pan-[[European|DEMONYM|Europe]] security arrangements which meet the needs of all states, something that should have been done when the [[Warsaw Pact|ORG|Warsaw Pact]] was wound up at the end of the Cold War. The alternative is endless great power conflict with all the attendant waste of resources and danger of bloodshed and destruction.

We send our solidarity to all those campaigning for an end to the war, often under very difficult conditions, in [[Russia|STATE|Russia]] and [[Ukraine|STATE|Ukraine]]. [[Stop the War|ORG|Stop the War Coalition]] can best support them by demanding a change in [[Britain|STATE|United Kingdom]]’s own policy, which can be seen to have failed.

Share this:   Twitter   Facebook   Email
{{Posted in Editorial, International | Tagged Russia, Stop the War, Ukraine}}
""",
})

ARTICLES.append({
    "file": "mirror_false_flag.md",
    "org": "Daily Mirror (via inkl)",
    "url": "https://inkl.com/news/uk-and-nato-say-russia-is-trying-to-stage-a-pretext-for-invasion-of-ukraine",
    "title": "Boris Johnson blasts 'false flag' kindergarten attack in Ukraine and warns more to come",
    "author": "Ben Glaze & Dan Bloom",
    "date": "2022-02-17",
    "text": """Get all your news in one place. 100’s of premium titles. One app. [Start reading](https://inkl.com/signup)

{{**Daily Mirror**}} · Politics

# [[Boris Johnson|PERSON|Boris Johnson]] blasts 'false flag' kindergarten attack in [[Ukraine|STATE|Ukraine]] and warns more to come

{{Ben Glaze & Dan Bloom}} · 17 February 2022

An attack on a kindergarten in [[Ukraine|STATE|Ukraine]] was a “false flag operation designed to discredit the [[Ukrainians|DEMONYM|Ukraine]]”, [[Boris Johnson|PERSON|Boris Johnson]] said today.

The Prime Minister hit out at [[Russia|STATE|Russia]] - and warned “we fear very much that that is a thing we will see more of over the next few days”.

It comes after the [[UK|STATE|United Kingdom]], [[US|STATE|United States]] and [[NATO|ORG|NATO]] all warned [[Moscow|STATE|Russia]] is trying to stage a false flag “pretext” for the invasion of [[Ukraine|STATE|Ukraine]], despite claiming it is withdrawing troops near the border.

[[Ukraine|STATE|Ukraine]]'s President [[Volodymyr Zelenskiy|PERSON|Volodymyr Zelensky]] said pro-[[Russian|DEMONYM|Russia]] forces had shelled a kindergarten, in what he called a "big provocation".

Video footage released by [[Ukrainian|DEMONYM|Ukraine]] police showed a hole through a brick wall in a room scattered with debris and children's toys. Separate images showed emergency workers escorting small children and teachers from a building.

The [[Kremlin|ORG|Kremlin]], in return, said [[Moscow|STATE|Russia]] was "seriously concerned" about reports of an escalation after the separatists accused government forces of opening fire on their territory four times in the past 24 hours.

A [[Reuters|ORG|Reuters]] photographer in the town of [[Kadiivka|PLACE|Kadiivka]], in [[Ukraine|STATE|Ukraine]]'s rebel-held [[Luhansk|PLACE|Luhansk]] region, heard the sound of some artillery fire, but was not able to determine the details of the incident.

![kindergarten](/img/1.jpg) A kindergarten in [[Ukraine|STATE|Ukraine]] has been hit by a suspected 'false flag' attack {{(Humanitarian Mission Sunflower/ East2west News)}}

![kindergarten photos](/img/2.jpg) Photos of the kindergarten, as provided by a local news agency {{(Humanitarian Mission Sunflower/ East2west News)}}

Speaking on a visit to [[RAF Waddington|PLACE|RAF Waddington]] in [[Lincolnshire|PLACE|Lincolnshire]], Mr [[Johnson|PERSON|Boris Johnson]] said: "I wish I could give everybody better news about this, but I have to tell you that the picture is continuing to be very grim.

[…]

{{Read more from the Daily Mirror}} · Share · Save
""",
})

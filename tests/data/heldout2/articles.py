"""The texts of the second held-out set (see make_heldout2.py for the markup).

Each entry: ``file``, ``org`` (who published it), ``url`` (where the excerpt comes from),
``title``/``author``/``date`` (the metadata a reader would record), ``text`` (marked up).
"""

# ruff: noqa: E501

ARTICLES: list[dict] = []

ARTICLES.append({
    "file": "wsws_nuclear_spiral.html",
    "org": "World Socialist Web Site",
    "url": "https://www16.wsws.org/en/articles/2022/03/07/pers-m07.html",
    "title": "Stop the reckless spiral toward nuclear war!",
    "author": "",
    "date": "2022-03-07",
    "text": """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Stop the reckless spiral toward nuclear war! - World Socialist Web Site</title>
<meta property="og:title" content="Stop the reckless spiral toward nuclear war!">
<meta property="og:site_name" content="World Socialist Web Site">
<meta property="og:type" content="article">
</head>
<body>
<header>{{<a class="logo" href="/">World Socialist Web Site</a>}}
<nav><ul><li><a href="/en/topics/site_area/news">News</a></li><li><a href="/en/topics/site_area/perspectives">Perspectives</a></li><li><a href="/en/topics/site_area/workers-struggles">Workers Struggles</a></li><li><a href="/en/topics/site_area/history">History</a></li></ul></nav>
</header>
<div class="cookie-notice"><p>This website uses cookies to improve your experience.</p><button>Accept</button></div>
<main>
<article>
<h1>Stop the reckless spiral toward nuclear war!</h1>
<p class="byline">{{Statement of the World Socialist Web Site Editorial Board}}</p>
<p class="date">7 March 2022</p>
<p>The [[World Socialist Web Site|ORG|World Socialist Web Site (WSWS)]] calls for the mobilization of workers in the [[United States|STATE|United States]], [[Europe|PLACE|Europe]], [[Russia|STATE|Russia]] and internationally to intervene to stop the drive to world war that threatens the entire globe with catastrophe.</p>
<p>The risk of nuclear war is greater than at any time since 1945. Not even during the Cuban Missile Crisis of 1962—which, it should be recalled, was triggered by [[US|STATE|United States]] President [[John F. Kennedy|PERSON|John F. Kennedy]]’s refusal to allow [[Soviet|DEMONYM|Soviet Union]] missiles in the [[Western Hemisphere|PLACE|Western Hemisphere]]—was the danger as great as it is today.</p>
<p>Sixty years ago, even in the midst of a major confrontation, both the [[US|STATE|United States]] and [[Soviet|DEMONYM|Soviet Union]] governments were seeking to negotiate a way out of the crisis and avoid war. Not so today: Both the [[US|STATE|United States]]-[[NATO|ORG|NATO]] and the [[Putin|PERSON|Vladimir Putin]] government are acting with incredible and potentially fatal recklessness.</p>
<figure><img src="/asset/b1c2.jpg" alt=""><figcaption>{{People look at the gutted remains of Russian military vehicles on a road in the town of Bucha, close to the capital Kyiv, Ukraine, Tuesday, March 1, 2022. (AP Photo/Serhii Nuzhnenko)}}</figcaption></figure>
<p>Having been backed into a corner by the relentless expansion of [[NATO|ORG|NATO]], [[Putin|PERSON|Vladimir Putin]]’s desperate invasion of [[Ukraine|STATE|Ukraine]] has played into the hands of [[US|STATE|United States]] and [[European|DEMONYM|Europe]] imperialism. But [[Putin|PERSON|Vladimir Putin]] believes, even as protests within [[Russia|STATE|Russia]] against the war grow, that he can compel [[NATO|ORG|NATO]] to negotiate and make concessions, through threats and nuclear brinkmanship. This strategy is based on a self-deluding underestimation of the [[Biden|PERSON|Joe Biden]] administration’s determination to escalate the conflict.</p>
</article>
</main>
<footer><p>{{To contact the WSWS and the Socialist Equality Party visit:}} <a href="https://www.wsws.org/en/special/pages/contact.html">wsws.org/contact</a></p></footer>
</body>
</html>
""",
})

ARTICLES.append({
    "file": "wsws_ww3_statement.txt",
    "org": "World Socialist Web Site",
    "url": "https://peacefromharmony.org/?cat=en_c&key=1037",
    "title": "US-NATO escalate war threats against Russia: Are you ready for World War III?",
    "author": "",
    "date": "2022-01-28",
    "text": """{{World Socialist Web Site}}
wsws.org
Menu   Search   Donate
{{Statement of the World Socialist Web Site editorial board}}
28 January 2022

[[US|STATE|United States]]-[[NATO|ORG|NATO]] escalate war threats against [[Russia|STATE|Russia]]: Are you ready for World War III?

The conflict that [[Washington|STATE|United States]] is provoking with [[Russia|STATE|Russia]] over [[Ukraine|STATE|Ukraine]] threatens the globe with a catastrophe beyond measure. Driven by insoluble internal crisis and rapacious geopolitical ambition, [[US|STATE|United States]] imperialism is recklessly marching to the brink of World War III.

The crisis over [[Ukraine|STATE|Ukraine]] has been manufactured by the [[United States|STATE|United States]] and its [[NATO|ORG|NATO]] allies on the basis of lies. The [[Biden|PERSON|Joe Biden]] administration denounces [[Russia|STATE|Russia]] for the movement of troops within its own borders. The claim of an imminent [[Russian|DEMONYM|Russia]] invasion of [[Ukraine|STATE|Ukraine]] is repeated endlessly by the [[White House|ORG|White House]] and echoed unquestioningly by the mass media.

It is hysterical war propaganda. [[Russia|STATE|Russia]] has never threatened to invade [[Ukraine|STATE|Ukraine]]. [[Moscow|STATE|Russia]] has stated, however, that it cannot tolerate [[Ukraine|STATE|Ukraine]] becoming part of [[NATO|ORG|NATO]].

The [[North Atlantic Treaty Organization|ORG|NATO]] is not a geographical alliance of “democratic” states but an imperialist cabal for war with [[Russia|STATE|Russia]] and other countries. Incorporating [[Ukraine|STATE|Ukraine]] would station [[NATO|ORG|NATO]] arms and forces on [[Russia|STATE|Russia]]’s immediate border and would bind the forces of [[US|STATE|United States]] and Western [[European|DEMONYM|Europe]] imperialism, under Article 5 of the NATO Treaty, to go to war on behalf of the far-right regime in [[Kiev|STATE|Ukraine]], tied to neo-Nazis and fascists, in the event it provoked a conflict with [[Moscow|STATE|Russia]].

[[US|STATE|United States]] officials have revealed plans to deploy up to 50,000 troops to the borders of [[Russia|STATE|Russia]] and [[Ukraine|STATE|Ukraine]]. On Wednesday, [[US|STATE|United States]] Secretary of State [[Antony Blinken|PERSON|Antony Blinken]] delivered a statement spurning [[Moscow|STATE|Russia]]’s written request for guarantees that [[Ukraine|STATE|Ukraine]] will not be allowed to join [[NATO|ORG|NATO]].

Share this article:
Facebook   Twitter   Reddit
""",
})

ARTICLES.append({
    "file": "wsws_webinar.md",
    "org": "World Socialist Web Site",
    "url": "https://www14.wsws.org/en/special/pages/stop-the-drive-to-world-war-three.html",
    "title": "Stop the drive to World War III",
    "author": "",
    "date": "2022-02-26",
    "text": """[Skip to content](#main)

{{**WSWS**}} · [Home](/) · [Perspectives](/en/topics/site_area/perspectives) · {{[Ukraine war](/en/topics/event/ukraine-war)}} · [Donate](/donate)

# Stop the drive to World War III

{{*International Committee of the Fourth International*}}

26 February 2022

On Saturday, February 26, the [[World Socialist Web Site|ORG|World Socialist Web Site (WSWS)]] hosted an international online webinar to oppose the [[US|STATE|United States]]-[[NATO|ORG|NATO]] drive to war against [[Russia|STATE|Russia]] over [[Ukraine|STATE|Ukraine]].

The [[Russian|DEMONYM|Russia]] invasion of [[Ukraine|STATE|Ukraine]] must be opposed by all socialists and class conscious workers. However, this action cannot be understood outside of three decades of unending war spearheaded by [[American|DEMONYM|United States]] imperialism and the relentless expansion of the [[NATO|ORG|NATO]] military alliance into [[Eastern Europe|PLACE|Eastern Europe]].

The [[Biden|PERSON|Joe Biden]] administration, by refusing to discuss [[Russia|STATE|Russia]]’s objections to [[Ukraine|STATE|Ukraine]]’s integration into [[NATO|ORG|NATO]], used [[Ukraine|STATE|Ukraine]] as bait. It incited the invasion, which will now be used as a pretext for escalating confrontation with [[Russia|STATE|Russia]].

There is an enormous danger that the conflict in [[Ukraine|STATE|Ukraine]] will develop into a world war involving the [[US|STATE|United States]] and [[Russia|STATE|Russia]], the two most heavily armed nuclear powers in the world. There is a madness in this policy, but it is a madness with objective causes. The drive to war is fueled by a toxic mixture of imperialist geopolitics and insoluble internal crises, enormously exacerbated by the COVID-19 pandemic.

In this webinar, an international panel of leading members of the [[International Committee of the Fourth International|ORG|International Committee of the Fourth International]] and [[WSWS|ORG|World Socialist Web Site (WSWS)]] writers reviews the causes and consequences of the [[US|STATE|United States]]-[[NATO|ORG|NATO]] war drive and presents the political basis for a fight against war.

* * *

Share: [Facebook](https://facebook.com/sharer) · [Twitter](https://twitter.com/share)
""",
})

ARTICLES.append({
    "file": "un_pga70_paris.html",
    "org": "United Nations",
    "url": "https://www.un.org/pga/70/2015/12/12/statement-on-adoption-of-paris-climate-agreement/",
    "title": "Statement on adoption of Paris Climate Agreement",
    "author": "Mogens Lykketoft",
    "date": "2015-12-12",
    "text": """<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="UTF-8">
<title>Statement on adoption of Paris Climate Agreement | General Assembly of the United Nations</title>
<meta property="og:site_name" content="General Assembly of the United Nations">
<meta property="article:published_time" content="2015-12-12T20:14:09+00:00">
</head>
<body class="single-post">
<div id="un-header"><a href="http://www.un.org">{{Welcome to the United Nations. It's your world.}}</a></div>
<header id="masthead"><p class="site-title">{{President of the 70th Session}}</p>
<nav><ul><li><a href="/pga/70/">Home</a></li><li><a href="/pga/70/president/">The President</a></li><li><a href="/pga/70/category/statements/">Statements</a></li><li><a href="/pga/70/category/letters/">Letters</a></li></ul></nav></header>
<div id="content">
<h1 class="entry-title">Statement on adoption of Paris Climate Agreement</h1>
<p><strong>{{Statement by Mr. Mogens Lykketoft, President of the 70th session of the UN General Assembly, on the adoption of the Paris Climate Agreement at the 21st Conference of the Parties (COP21) to the United Nations Framework Convention on Climate Change}}</strong></p>
<p>[[New York|PLACE|New York]], 12 December 2015 — Mr. [[Mogens Lykketoft|PERSON|Mogens Lykketoft]], President of the [[United Nations General Assembly|ORG|UN General Assembly]] welcomes the adoption of the Paris Agreement at the 21st Conference of the Parties (COP21) to the United Nations Framework Convention on Climate Change.</p>
<p>Today’s agreement signals nothing less than a renaissance for humankind as we collectively embrace the global challenge of climate change and endeavor to transition to a more sustainable way of living that respects the needs of people and our planet.</p>
<p>This agreement reaffirms the value of multilateralism in addressing global challenges.</p>
<p>I congratulate the [[French|DEMONYM|France]] Presidency of the Conference for successfully steering this process and all Parties to the Convention for their constructiveness and determination to reach this outcome.</p>
<p>2015 has been about reaching agreements in [[Sendai|PLACE|Sendai]], [[Addis|PLACE|Addis Ababa]], [[New York|PLACE|New York]] and [[Paris|PLACE|Paris]]. 2016 will be all about their early implementation. Ambition, action and equity shall remain the guiding principles in this critical phase. I will not spare any effort to engage with Member States and other relevant stakeholders, including business and civil society, to kick start implementation.</p>
</div>
<footer><p>{{Copyright United Nations}}</p><p><a href="/en/sections/about-website/terms-use/">Terms of Use</a> | <a href="/en/sections/about-website/privacy-notice/">Privacy Notice</a></p></footer>
</body>
</html>
""",
})

ARTICLES.append({
    "file": "un_pga71_ratification.txt",
    "org": "United Nations",
    "url": "https://www.un.org/pga/71/2016/10/07/remarks-at-event-celebrating-the-deposit-of-instruments-of-ratification-for-the-paris-agreement/",
    "title": "Remarks at event celebrating the deposit of instruments of ratification for the Paris Agreement",
    "author": "",
    "date": "2016-10-07",
    "text": """{{United Nations | General Assembly}}
{{President of the 71st Session}}
Home   The President   Statements   Letters   Media
Remarks at event celebrating the deposit of instruments of ratification for the Paris Agreement
{{Remarks by the President of the 71st session of the UN General Assembly at the event celebrating the deposit of instruments of ratification for the Paris Agreement}}
7 October 2016

H.E. Ambassador [[João Vale de Almeida|PERSON|João Vale de Almeida]], [[Delegation of the European Union to the United Nations|ORG|Delegation of the European Union to the United Nations]]
H.E. Mr. [[László Sólymos|PERSON|László Sólymos]], Minister of Environment of [[Slovakia|STATE|Slovakia]]
H.E., Mr. [[Miguel Arias Cañete|PERSON|Miguel Arias Cañete]], the [[European|DEMONYM|European Union]] Commissioner for Climate Action and Energy
Excellencies,
Distinguished delegates,
Ladies and Gentlemen

Thank you for inviting me to join you today to mark the recent deposit of instruments of ratification of the Paris Agreement by the [[European Union|ORG|European Union]] and its Member States.

I am overjoyed that with recent ratifications, the thresholds have been met so that the Paris Agreement will enter into force on 4 November.

I extend my warmest congratulations to the all Parties to the United Nations Climate Change Convention who have ratified the Agreement, and whose commitment, leadership and swift action has led to this historic moment.

As a [[Fijian|DEMONYM|Fiji]], I know how important this step is to small pacific island states in particular. They are among the most vulnerable states to climate change and it is paramount for the future of these states – as well as the world in general – that the Paris Agreement is implemented. As a [[Fijian|DEMONYM|Fiji]] I am also pleased that [[Fiji|STATE|Fiji]] was the first country in the world to ratify the Paris Agreement.

I would like to take this opportunity to express my deepest sympathies to the people and Government of [[Haiti|STATE|Haiti]], who were so badly hit by Hurricane Matthew earlier this week. The international community stands ready to assist. Science has long advised us that severe storms will be one of the effects of climate change. In the south [[Pacific|PLACE|Pacific]] we are witnessing devastating tropical storms and now [[Haiti|STATE|Haiti]] and the [[Caribbean|PLACE|Caribbean]] are being hit.

Share this: Facebook  Twitter  Email
""",
})

ARTICLES.append({
    "file": "un_press_signing.html",
    "org": "United Nations",
    "url": "https://www.un.org/press/en/2016/envdev1659.doc.htm",
    "title": "Secretary-General Hails History-Making Ceremony as World Leaders from 175 Countries Sign Paris Agreement on Climate Change",
    "author": "",
    "date": "2016-04-22",
    "text": """<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<title>Secretary-General Hails History-Making Ceremony as World Leaders from 175 Countries Sign Paris Agreement on Climate Change | Meetings Coverage and Press Releases</title>
<meta name="dcterms.date" content="2016-04-22">
</head>
<body>
<a href="#main-content" class="skip">Skip to main content</a>
<div class="region-header"><p>{{Welcome to the United Nations}}</p><p>Meetings Coverage and Press Releases</p></div>
<nav class="menu">{{<ul><li><a href="/en/content/secretary-general">Secretary-General</a></li><li><a href="/en/content/general-assembly">General Assembly</a></li><li><a href="/en/content/security-council">Security Council</a></li><li><a href="/en/content/economic-and-social-council">Economic and Social Council</a></li></ul>}}</nav>
<main id="main-content">
<div class="date">22 April 2016</div>
<div class="symbol">ENV/DEV/1659</div>
<h2 class="meeting">High-Level Signature Ceremony for Paris Agreement (AM &amp; PM)</h2>
<h1>Secretary-General Hails History-Making Ceremony as World Leaders from 175 Countries Sign Paris Agreement on Climate Change</h1>
<h2>Day-long Event Sees 14 States Parties to Treaty Deposit Ratification Instruments</h2>
<p>World leaders from 175 countries gathered at [[United Nations Headquarters|PLACE|United Nations Headquarters]] today for the official signing of the Paris Agreement on climate change, the historic accord reached last December, with Secretary-General [[Ban Ki-moon|PERSON|Ban Ki-moon]] calling upon all States to quickly sign up to the treaty so it could enter into force as soon as possible.</p>
<p>“The poor and most vulnerable must not suffer further from a problem they did not create,” said Secretary-General [[Ban|PERSON|Ban Ki-moon]] as he opened the high-level signature ceremony in the [[General Assembly Hall|PLACE|General Assembly Hall]].  Climate action could help eradicate poverty, create green jobs, defeat hunger, prevent instability and improve the lives of girls and women.</p>
<p>Noting that today’s event had made history, he said it had involved the largest number of countries ever to sign an international agreement on a single day.  Among them were the following 14 States parties that deposited their ratification instruments:  [[Bahamas|STATE|Bahamas]], [[Barbados|STATE|Barbados]], [[Belize|STATE|Belize]], [[Fiji|STATE|Fiji]], [[Grenada|STATE|Grenada]], [[Jamaica|STATE|Jamaica]], [[Maldives|STATE|Maldives]], [[Marshall Islands|STATE|Marshall Islands]], [[Nauru|STATE|Nauru]], [[Palau|STATE|Palau]], [[Saint Lucia|STATE|Saint Lucia]], [[Samoa|STATE|Samoa]] and [[Somalia|STATE|Somalia]], as well as the [[State of Palestine|STATE|Palestine]].  The treaty must find expression in actions taken on behalf of the current generation and all future generations, the Secretary-General said.</p>
<p>Following his remarks, [[Getrude Clement|PERSON|Getrude Clement]], a youth leader from the [[United Republic of Tanzania|STATE|Tanzania]] who spoke on behalf of children, urged leaders to keep their promises.</p>
<p class="footer-note">For information media. Not an official record.</p>
</main>
</body>
</html>
""",
})

ARTICLES.append({
    "file": "un_pga78_closing.md",
    "org": "United Nations",
    "url": "https://www.america-times.com/remarks-by-mr-dennis-francis-president-of-the-78th-session-of-the-general-assembly-at-the-closing-of-the-high-level-general-debate/",
    "title": "Remarks by Mr. Dennis Francis, President of the 78th session of the General Assembly, at the Closing of the High-Level General Debate",
    "author": "Dennis Francis",
    "date": "2023-09-26",
    "text": """[America Times](https://www.america-times.com/) · [World](https://www.america-times.com/world/) · [Politics](https://www.america-times.com/politics/) · [Subscribe](https://www.america-times.com/subscribe/)

# Remarks by Mr. [[Dennis Francis|PERSON|Dennis Francis]], President of the 78th session of the [[General Assembly|ORG|UN General Assembly]], at the Closing of the High-Level General Debate

Must read

September 26, 2023

Ladies and gentlemen,

One week ago, I stood before you, your Heads of State and Government, your Ministers and representatives, and I spoke of the need to ‘unite the nations’.

I made a call to action for all States to find within themselves the will to act together, in solidarity.

I am encouraged by the progress I have seen over this past week.

136 Heads of State and Government, as well as 40 Ministers, spoke at this rostrum, a record in recent times. Hundreds of voices of civil society, and public and private stakeholders, were heard at Headquarters.

The [[General Assembly|ORG|UN General Assembly]] held seven high-level meetings, and we delivered no less than four major political declarations, covering universal health care; work to end tuberculosis; pandemic prevention, preparedness, and response; and the need to urgently and ambitiously scale up sustainable development progress.

This speaks to the continued relevance of the [[General Assembly|ORG|UN General Assembly]] and the commitment by the [[United Nations|ORG|United Nations]] to deliver peace, prosperity, progress and sustainability to the peoples of our world.

{{*Tags: General Assembly, United Nations*}}
""",
})

ARTICLES.append({
    "file": "un_pga78_elected.html",
    "org": "United Nations",
    "url": "https://india.un.org/en/236759-un-general-assembly-elects-dennis-francis-president-seventy-eighth-session",
    "title": "UN General Assembly Elects Dennis Francis President of Seventy-Eighth Session",
    "author": "",
    "date": "2023-06-02",
    "text": """<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<title>UN General Assembly Elects Dennis Francis President of Seventy-Eighth Session | United Nations in India</title>
<meta property="og:title" content="UN General Assembly Elects Dennis Francis President of Seventy-Eighth Session | United Nations in India">
<meta property="og:site_name" content="United Nations in India">
</head>
<body>
<header><div class="brand">{{United Nations India}}</div>
<nav><a href="/en/about/about-the-un">About</a> <a href="/en/sdgs">Our Work on the Sustainable Development Goals</a> <a href="/en/press-centre">Media</a> <a href="/en/resources">Resources</a></nav></header>
<main>
<p class="kicker">Press Release</p>
<h1>[[UN General Assembly|ORG|UN General Assembly]] Elects [[Dennis Francis|PERSON|Dennis Francis]] President of Seventy-Eighth Session</h1>
<p class="date">02 June 2023</p>
<p>The [[General Assembly|ORG|UN General Assembly]] today (1 June) elected by acclamation [[Dennis Francis|PERSON|Dennis Francis]] ([[Trinidad and Tobago|STATE|Trinidad and Tobago]]) to serve as President of its seventy-eighth session, after which its six Main Committees elected their respective Bureaus.</p>
<p>In thanking Member States as well as his Government, people, staff and family, Mr. [[Francis|PERSON|Dennis Francis]] said:  “My heart is truly full, even as I remain keenly aware that being called to serve as President of the [[General Assembly of the United Nations|ORG|UN General Assembly]] constitutes a weighty responsibility.”  Education -- a great liberator which lifts people up the socioeconomic ladder and strengthens society in the process -- brought him to the [[United Nations|ORG|United Nations]], he pointed out, stressing that his career’s experiences would have never seen the light of day had it not been for his parents.</p>
<p>This, he insisted, is a compelling argument for an all-out effort to re-energize action to deliver on the 2030 Agenda for Sustainable Development.</p>
<p class="source">{{Entity: UN DGC - United Nations Department of Global Communications}}</p>
</main>
<footer><p>{{United Nations India}}</p><p><a href="/en/terms">Terms of use</a> <a href="/en/privacy">Privacy notice</a></p></footer>
</body>
</html>
""",
})

ARTICLES.append({
    "file": "uk_truss_statement.html",
    "org": "UK Foreign Office (via The Frontier Post)",
    "url": "https://thefrontierpost.com/liz-truss-condemns-russian-governments-reprehensible-actions-against-ukraine/",
    "title": "Liz Truss condemns Russian government’s reprehensible actions against Ukraine",
    "author": "",
    "date": "2022-02-24",
    "text": """<!doctype html>
<html lang="en-US">
<head>
<meta charset="UTF-8">
<title>Liz Truss condemns Russian government’s reprehensible actions against Ukraine - The Frontier Post</title>
<meta property="og:site_name" content="The Frontier Post">
<meta property="og:title" content="Liz Truss condemns Russian government’s reprehensible actions against Ukraine - The Frontier Post">
<meta property="article:published_time" content="2022-02-24T07:31:45+00:00">
</head>
<body>
<div class="top-bar"><span>Thursday, February 24, 2022</span> <a href="/e-paper/">E-Paper</a></div>
<header><div class="logo">{{The Frontier Post}}</div>
<nav>{{<a href="/">Home</a> <a href="/category/pakistan/">Pakistan</a> <a href="/category/world/">World</a> <a href="/category/business/">Business</a> <a href="/category/sports/">Sports</a> <a href="/category/opinion/">Opinion</a>}}</nav></header>
<article>
<h1 class="entry-title">[[Liz Truss|PERSON|Liz Truss]] condemns [[Russian|DEMONYM|Russia]] government’s reprehensible actions against [[Ukraine|STATE|Ukraine]]</h1>
<div class="meta"><span class="author">{{F.P. Report}}</span> <span class="cat">World</span></div>
<p>[[LONDON|PLACE|London]]: Following [[Russia|STATE|Russia]]’s announcement that it would conduct a military campaign in [[Ukraine|STATE|Ukraine]], Foreign Secretary [[Liz Truss|PERSON|Liz Truss]] has issued a statement.</p>
<p>Foreign Secretary [[Liz Truss|PERSON|Liz Truss]] said:</p>
<p>[[Russia|STATE|Russia]]’s assault on [[Ukraine|STATE|Ukraine]] is an unprovoked, premeditated attack against a sovereign democratic state. The [[UK|STATE|United Kingdom]] and our international partners stand united in condemning the [[Russian|DEMONYM|Russia]] government’s reprehensible actions, which are an egregious violation of international law and the UN Charter.</p>
<p>Over recent weeks, the [[Russian|DEMONYM|Russia]] government have repeatedly denied their hostile intent towards [[Ukraine|STATE|Ukraine]]. At the same time, they have massed troops, launched cyber-attacks, and staged false pretexts and provocations.</p>
<p>We have always been clear there would be massive consequences and a severe cost for any [[Russian|DEMONYM|Russia]] military incursion into [[Ukraine|STATE|Ukraine]]. As a result of their actions, we will today launch an unprecedented package of further sanctions that we have developed with our international partners.</p>
<p>The [[UK|STATE|United Kingdom]] and the international community stand against this naked aggression, and for freedom, democracy, and the sovereignty of nations around the world. We hold the people of [[Ukraine|STATE|Ukraine]] in our hearts and minds at this terrible moment in their nation’s history.</p>
<div class="share">Share this: <a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">WhatsApp</a></div>
</article>
<aside><h3>Related Posts</h3>{{<ul><li><a href="/uk-sanctions/">UK sanctions Russian banks</a></li></ul>}}</aside>
<footer>{{© The Frontier Post. All rights reserved.}}</footer>
</body>
</html>
""",
})

ARTICLES.append({
    "file": "uk_sanctions_press.txt",
    "org": "UK Foreign Office (via UKPOL)",
    "url": "https://www.ukpol.co.uk/tag/foreign-office/page/181",
    "title": "UK announces new sanctions in response to Russian sham elections in Ukraine",
    "author": "",
    "date": "2023-09-29",
    "text": """UKPOL.CO.UK
Political Speeches and Press Releases
Home | Speeches | Press Releases | Parliament | About
{{Tag: Foreign Office}}

PRESS RELEASE : [[UK|STATE|United Kingdom]] announces new sanctions in response to [[Russian|DEMONYM|Russia]] sham elections in [[Ukraine|STATE|Ukraine]] [September 2023]

The press release issued by the [[Foreign Office|ORG|Foreign Office]] on 29 September 2023.

Latest sanctions package holds those who would undermine [[Ukraine|STATE|Ukraine]]’s sovereignty to account.

• [[UK|STATE|United Kingdom]] sanctions [[Russian|DEMONYM|Russia]] officials involved in recent sham elections in the [[Ukrainian|DEMONYM|Ukraine]] oblasts of [[Kherson|PLACE|Kherson]], [[Zaporizhzhia|PLACE|Zaporizhzhia]], [[Donetsk|PLACE|Donetsk]] and [[Luhansk|PLACE|Luhansk]], and in illegally annexed [[Crimea|PLACE|Crimea]]
• Sanctions also target officials involved in last year’s sham referendums staged to legitimise the attempted annexation of [[Ukrainian|DEMONYM|Ukraine]] territory
• 1,600 individuals and entities have now been sanctioned by the [[UK|STATE|United Kingdom]] in response to [[Russia|STATE|Russia]]’s invasion

More [[Russian|DEMONYM|Russia]] officials involved in the illegal invasion of [[Ukraine|STATE|Ukraine]] are hit with new sanctions, including movement and financial restrictions, announced by the Foreign Secretary today (29th September). Eleven new designations will be imposed by the [[UK|STATE|United Kingdom]] in response to [[Russia|STATE|Russia]]’s attempts to use sham elections to legitimise its illegal control of [[Kherson|PLACE|Kherson]], [[Zaporizhzhia|PLACE|Zaporizhzhia]], [[Donetsk|PLACE|Donetsk]], [[Luhansk|PLACE|Luhansk]] and [[Crimea|PLACE|Crimea]], which are all part of [[Ukrainian|DEMONYM|Ukraine]] sovereign territory.

They include:

• The [[Central Election Commission|ORG|Central Election Commission of Russia]] ([[CEC|ORG|Central Election Commission of Russia]]) of [[Russia|STATE|Russia]], the government agency that has arranged this month’s sham elections and last year’s referendums in illegally temporarily controlled parts of [[Ukraine|STATE|Ukraine]].
• [[Natalya Budarina|PERSON|Natalya Budarina]], [[CEC|ORG|Central Election Commission of Russia]] Secretary, one of the most senior officials in the [[Central Election Commission|ORG|Central Election Commission of Russia]].
• [[Andrei Aleksyenko|PERSON|Andrei Aleksyenko]], Head of the so-called [[Kherson|PLACE|Kherson]] regional administration.

Share this:
Twitter  Facebook  LinkedIn
Related
""",
})

ARTICLES.append({
    "file": "uk_truss_oped.html",
    "org": "UK Foreign Office (via Conservative Post)",
    "url": "https://conservativepost.co.uk/liz-truss-nothing-is-off-the-table-in-our-response-to-putins-aggression-towards-ukraine/",
    "title": "Liz Truss: Nothing is off the table in our response to Putin’s aggression towards Ukraine",
    "author": "Liz Truss",
    "date": "2022-02-23",
    "text": """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="UTF-8">
<title>Liz Truss: Nothing is off the table in our response to Putin’s aggression towards Ukraine &#8211; Conservative Post</title>
<meta property="og:site_name" content="Conservative Post">
<meta property="article:published_time" content="2022-02-23T09:02:11+00:00">
</head>
<body>
<header class="site-header"><p class="site-title">{{<a href="/">Conservative Post</a>}}</p><p class="site-description">The Home of Grassroots Conservatives</p>
<nav><a href="/">Home</a> <a href="/category/news/">News</a> <a href="/category/comment/">Comment</a> <a href="/contact/">Contact</a></nav></header>
<main>
<h1 class="entry-title">[[Liz Truss|PERSON|Liz Truss]]: Nothing is off the table in our response to [[Putin|PERSON|Vladimir Putin]]’s aggression towards [[Ukraine|STATE|Ukraine]]</h1>
<p>{{By Foreign Secretary Liz Truss.}}</p>
<p>The Foreign Secretary writes the [[UK|STATE|United Kingdom]] is standing with [[Ukraine|STATE|Ukraine]] in defence of its right to decide its future.</p>
<p>In threatening the innocent people of [[Ukraine|STATE|Ukraine]] and violating its sovereignty, President [[Putin|PERSON|Vladimir Putin]] is also undermining [[Europe|PLACE|Europe]]’s security and stability. We will use every lever at our disposal to stop him in his tracks.</p>
<p>Time after time, we and our allies have said that any further invasion would have severe consequences. Now [[Russia|STATE|Russia]] has chosen to abandon diplomacy, we have a moral duty to stand with [[Ukraine|STATE|Ukraine]] and demonstrate that we mean what we say.</p>
<p>This first wave will target the individuals and companies closest to the [[Kremlin|ORG|Kremlin]]. I held a conference call with our [[G7|ORG|G7]] allies to agree the next package.</p>
<p>We will be curtailing the ability of the [[Russian|DEMONYM|Russia]] state and key [[Russian|DEMONYM|Russia]] companies to raise funds on our markets, and further isolating [[Russian|DEMONYM|Russia]] banks’ ability to operate internationally. We are looking at sanctioning members of the [[Russian|DEMONYM|Russia]] [[Duma|ORG|State Duma]] and [[Federation Council|ORG|Federation Council (Russia)]]. And we will extend the territorial sanctions imposed on [[Crimea|PLACE|Crimea]] to the separatist-controlled territories in the [[Donbas|PLACE|Donbas]]. No [[UK|STATE|United Kingdom]] individual or business will be able to deal with these territories until they are returned to [[Ukraine|STATE|Ukraine]].</p>
<p class="tags">{{Tags: Foreign Policy, Russia, Ukraine}}</p>
</main>
<footer>{{Conservative Post is not affiliated with the Conservative Party.}}</footer>
</body>
</html>
""",
})

ARTICLES.append({
    "file": "ms_starmer_wobbles.html",
    "org": "Morning Star",
    "url": "https://msd7.gn.apc.org/article/starmer-wobbles-israeli-onslaught",
    "title": "Starmer wobbles on Israeli onslaught",
    "author": "",
    "date": "2025-03-19",
    "text": """<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<title>Starmer wobbles on Israeli onslaught | Morning Star</title>
<meta property="og:site_name" content="Morning Star">
<meta property="og:title" content="Starmer wobbles on Israeli onslaught">
</head>
<body>
<a href="#main-content">Skip to main content</a>
<div class="top-links"><a href="/advertise">Advertise</a> <a href="/buy-paper">Buy the paper</a> <a href="/contact">Contact us</a> <a href="/shop">Shop</a> <a href="/subscribe">Subscribe</a> <a href="/support">Support us</a></div>
<header>{{<a class="logo" href="/">Morning Star</a>}} <p>The People’s Daily</p></header>
<nav>{{<a href="/britain">Britain</a> <a href="/world">World</a> <a href="/features">Features</a> <a href="/editorial">Editorial</a> <a href="/arts">Arts</a> <a href="/sport">Sport</a>}}</nav>
<main id="main-content">
<p class="section">{{<a href="/britain">Britain</a> / 19 March 2025}}</p>
<h1>[[Starmer|PERSON|Keir Starmer]] wobbles on [[Israeli|DEMONYM|Israel]] onslaught</h1>
<p>SIR [[KEIR STARMER|PERSON|Keir Starmer]] has moved to condemn the latest [[Israeli|DEMONYM|Israel]] assault on the [[Palestinians|DEMONYM|Palestine]] of [[Gaza|PLACE|Gaza]], finally diluting his unconditional support for the genocidal onslaught.</p>
<p>However, his shift does not extend as far as any fresh curbs on the [[British|DEMONYM|United Kingdom]] supply of arms to [[Israel|STATE|Israel]].</p>
<p>The Prime Minister opened Commons questions telling MPs: “I am deeply concerned about the resumption of [[Israeli|DEMONYM|Israel]] military action in [[Gaza|PLACE|Gaza]].</p>
<p>His words are the strongest rebuke he has made of the [[Israeli|DEMONYM|Israel]] government in the course of the 18-month onslaught on [[Gaza|PLACE|Gaza]] and doubtless reflects continuing mass pressure on the government on the issue.</p>
<p>A [[Downing Street|ORG|Downing Street]] spokesman confirmed that the government does not back the resumption of [[Israeli|DEMONYM|Israel]] fighting.</p>
<p>But he indicated no change in the government’s policy of supporting arms sales to [[Israel|STATE|Israel]] in the likely event that the [[Netanyahu|PERSON|Benjamin Netanyahu]] regime ignores Sir [[Keir|PERSON|Keir Starmer]]’s strictures.</p>
<p>Suspended [[Labour|ORG|Labour Party (UK)]] MP [[Zarah Sultana|PERSON|Zarah Sultana]] called out these equivocations, saying: “[[Israel|STATE|Israel]] has repeatedly defied the [[UN|ORG|United Nations]], its resolutions and international law. Member states must act.</p>
<p>Since [[Israel|STATE|Israel]] broke the ceasefire on Monday, [[Gaza|PLACE|Gaza]] has endured the bloodiest days of the genocide to date.</p>
<div class="appeal"><h3>The 95th Anniversary Appeal</h3><p>{{Support the Morning Star}}</p><p>You have reached the free limit. Subscribe to continue reading.</p></div>
<div class="similar"><h3>Similar stories</h3>{{<ul><li><a href="/article/israel-cuts-electricity">Israel follows through on threat to cut off electricity supply to the Palestinians in Gaza</a></li></ul>}}</div>
</main>
</body>
</html>
""",
})

ARTICLES.append({
    "file": "ms_uturn_editorial.md",
    "org": "Morning Star",
    "url": "https://msd11.gn.apc.org/node/113607",
    "title": "Starmer’s Israel U-turn shows protest works: now let’s push for a complete arms embargo and sanctions",
    "author": "",
    "date": "2024-09-03",
    "text": """[Skip to main content](#main-content)

[Advertise](/advertise) [Buy the paper](/buy) [Contact us](/contact) [Shop](/shop) [Subscribe](/subscribe) [Support us](/support)

{{**Morning Star** — The People’s Daily}}

Editorial · 3 September 2024

# [[Starmer|PERSON|Keir Starmer]]’s [[Israel|STATE|Israel]] U-turn shows protest works: now let’s push for a complete arms embargo and sanctions

THE decision to block 30 arms export licences for weapons due to go to [[Israel|STATE|Israel]] is a small step forward, and entirely the result of mass pressure on the Establishment.

In and of itself, it is inadequate and no more than a minor inconvenience for the [[Israeli|DEMONYM|Israel]] state as it pursues its [[Gaza|PLACE|Gaza]] genocide. The decision announced by [[David Lammy|PERSON|David Lammy]] affects only around one-tenth of such licences.

Nevertheless, it is a decision that the [[Starmer|PERSON|Keir Starmer]] government will not have wanted to take. It has a symbolic significance way in advance of its practical implications, as the rage of [[Israel|STATE|Israel]]’s government and its sycophants in [[Britain|STATE|United Kingdom]] shows.

Above all, it is an acknowledgement that [[Israel|STATE|Israel]] is seriously violating international humanitarian law in [[Gaza|PLACE|Gaza]], and that [[British|DEMONYM|United Kingdom]] weaponry could be used in the commission of those crimes.

It also places [[London|STATE|United Kingdom]] somewhat at odds with [[Washington|STATE|United States]], by far [[Israel|STATE|Israel]]’s biggest arms supplier and entirely indifferent to humanitarian or legal concerns.

The [[Tory|ORG|Conservative Party (UK)]] government concealed the legal advice it received on this point.

[[Labour|ORG|Labour Party (UK)]] is feeling the heat from the streets — and the polling booths. The sustained mass movement of solidarity with the [[Palestinian|DEMONYM|Palestine]] people unavoidably channelled much of its anger at [[Starmer|PERSON|Keir Starmer]]’s full-throated endorsement of [[Israel|STATE|Israel]]’s genocidal conduct.

[[Wes Streeting|PERSON|Wes Streeting]] and [[Shabana Mahmood|PERSON|Shabana Mahmood]] are two cabinet members who will be worried.

{{**Support the Morning Star**}} — [Donate to the 95 years appeal](/appeal)
""",
})

ARTICLES.append({
    "file": "stopwar_press_release.html",
    "org": "Stop the War Coalition",
    "url": "https://www.stopwar.org.uk/article/press-release-stop-the-war-call-a-national-demonstration-for-peace-talks-now-in-ukraine/",
    "title": "Press Release: Stop the War Call A National Demonstration for ‘Peace Talks Now’ in Ukraine",
    "author": "",
    "date": "2023-01-16",
    "text": """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="UTF-8">
<title>Press Release: Stop the War Call A National Demonstration for ‘Peace Talks Now’ in Ukraine - Stop the War Coalition</title>
<meta property="og:site_name" content="Stop the War Coalition">
<meta name="description" content="StWC have announced a National Demonstration on Sat 25 Feb to call for an end to the war in Ukraine">
</head>
<body>
<div id="cookie-law-info-bar"><span>We use cookies on our website to give you the most relevant experience. <a role="button">Cookie settings</a> <a role="button">ACCEPT</a></span></div>
<header>{{<a href="/" class="logo">Stop the War Coalition</a>}}
<nav><a href="/campaigns/">Campaigns</a> <a href="/events/">Events</a> <a href="/articles/">Articles</a> <a href="/shop/">Shop</a> <a href="/join/">Join</a> <a href="/donate/">Donate</a></nav></header>
<main>
<p class="standfirst">[[StWC|ORG|Stop the War Coalition]] have announced a National Demonstration on Sat 25 Feb to call for an end to the war in [[Ukraine|STATE|Ukraine]]</p>
<h1>Press Release: [[Stop the War|ORG|Stop the War Coalition]] Call A National Demonstration for ‘Peace Talks Now’ in [[Ukraine|STATE|Ukraine]]</h1>
<p><strong>Issued: 16 Jan 2023</strong></p>
<p>For immediate release</p>
<p>[[Stop the War Coalition|ORG|Stop the War Coalition]] have announced a National Demonstration on Saturday 25th February to call for an end to the war in [[Ukraine|STATE|Ukraine]] and demand that all sides engage in peace talks immediately.</p>
<p>The demonstration will call for the [[British|DEMONYM|United Kingdom]] government to halt its continuing supply of armaments to [[Ukraine|STATE|Ukraine]] which are only escalating the conflict and doing nothing to bring about an end to the fighting. This follows [[Rishi Sunak|PERSON|Rishi Sunak]]’s announcement at the weekend that 14 Challenger 2 battle tanks are to be sent to the war-torn nation.</p>
<p>The march in [[Central London|PLACE|London]] will mark the dreadful one year anniversary of the [[Russian|DEMONYM|Russia]] invasion of [[Ukraine|STATE|Ukraine]] which [[Stop the War Coalition|ORG|Stop the War Coalition]] opposed from the very start. The slogans of the demonstration are as follows:</p>
<p>Peace Talks Now – No to the War in [[Ukraine|STATE|Ukraine]] – No to the [[Russian|DEMONYM|Russia]] Invasion – No to [[NATO|ORG|NATO]] – No to Nuclear War.</p>
<p>In response to the announcement about [[British|DEMONYM|United Kingdom]] tanks being sent to [[Ukraine|STATE|Ukraine]], [[Stop the War|ORG|Stop the War Coalition]] Convenor, [[Lindsey German|PERSON|Lindsey German]] said:</p>
<p>“This is another example of the [[British|DEMONYM|United Kingdom]] government leading the charge for more militarism.</p>
<p>The tanks will make little military change but are designed to put political pressure on other countries to increase weapons supplies — especially of [[German|DEMONYM|Germany]] Leopard and [[US|STATE|United States]] Abrams tanks.</p>
<p>We need peace in [[Ukraine|STATE|Ukraine]] not escalating war. [[Sunak|PERSON|Rishi Sunak]] and [[Starmer|PERSON|Keir Starmer]] are unfortunately making greater war more likely.”</p>
<p>Click for full details and sign up for updates on the demonstration.</p>
<p class="post-meta">{{16 Jan 2023 by Stop the War}}</p>
<p><a href="/signup/">Sign Up</a></p>
</main>
<footer><p>{{Stop the War Coalition, 86 Durham Road, London N7 7DT}}</p></footer>
</body>
</html>
""",
})

ARTICLES.append({
    "file": "stopwar_day_of_action.txt",
    "org": "Stop the War Coalition",
    "url": "https://staging-stop-the-war.out.re/article/stop-the-war-and-start-the-peace-international-day-of-action-report",
    "title": "Stop the war and start the peace: International Day of Action report",
    "author": "",
    "date": "2022-06-26",
    "text": """{{Stop the War Coalition}}
Skip to content
Campaigns   Events   Articles   Shop   Join   Donate

Stop the war and start the peace: International Day of Action report
26 June 2022

Hundreds of activists up and down the country rallied under one message, No to War and No to [[Nato|ORG|NATO]] on the International Day of Action for Peace in [[Ukraine|STATE|Ukraine]] yesterday.

Over 30 events took place including stalls, protests, vigils and demonstrations from [[Cardiff|PLACE|Cardiff]] to [[Colchester|PLACE|Colchester]], [[London|PLACE|London]] to [[Leeds|PLACE|Leeds]].

The huge turn out and level of engagement on the streets reflects how public opinion is ever moving in favour of [[Stop the War coalition|ORG|Stop the War Coalition]]’s position. Our peace camp is growing because of the seriousness of the situation and fears of nuclear escalation.

Of course, [[Stop the War Coalition|ORG|Stop the War Coalition]] condemns [[Putin|PERSON|Vladimir Putin]]’s invasion of [[Ukraine|STATE|Ukraine]], demanding all troops withdraw, but at the same time demands [[NATO|ORG|NATO]] halts it’s expansion as it will only exacerbate and prolong war costing more lives.

The urgency of mobilisation was felt across the [[UK|STATE|United Kingdom]] with the Day of Action seeing hundreds of people sign the petition against war in [[Ukraine|STATE|Ukraine]] and many becoming members of the coalition.

The war is clearly developing as a proxy war between [[Russia|STATE|Russia]] and [[NATO|ORG|NATO]]. [[Putin|PERSON|Vladimir Putin]] is becoming increasingly dismissive of peace talks, as is [[Boris Johnson|PERSON|Boris Johnson]].

The [[UK|STATE|United Kingdom]] government has pledged an additional £300 million pounds in military spending, despite the fact that weapons and tanks will not save lives.

Many people also discussed the leader of the opposition. [[Keir Starmer|PERSON|Keir Starmer]]’s approach is non-existent at best, and at worst, laying the foundations for accepting warmongering policy as a given.

Share this article:
Facebook   Twitter   Email
Sign up to our mailing list
""",
})

ARTICLES.append({
    "file": "nato_presummit.html",
    "org": "NATO",
    "url": "https://www.nato.int/cps/en/natohq/opinions_227314.htm",
    "title": "Pre-summit press conference",
    "author": "Jens Stoltenberg",
    "date": "2024-07-05",
    "text": """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>NATO - Opinion: Pre-summit press conference by NATO Secretary General Jens Stoltenberg, 05-Jul.-2024</title>
</head>
<body>
<div id="skip"><a href="#content">Skip to main content</a></div>
<header>{{<a href="/" class="logo">NATO</a> <span>North Atlantic Treaty Organization</span>}}
<nav><a href="/cps/en/natohq/news.htm">News</a> <a href="/cps/en/natohq/topics.htm">Topics</a> <a href="/cps/en/natohq/structure.htm">Structure</a> <a href="/cps/en/natohq/multimedia.htm">Multimedia</a></nav></header>
<div id="content">
<h1>Pre-summit press conference</h1>
<h2>{{by Secretary General Jens Stoltenberg ahead of the NATO Summit in Washington}}</h2>
<ul class="date"><li>05 Jul. 2024 -</li><li>|</li><li>Last updated: 05 Jul. 2024 16:17</li></ul>
<p>(As delivered)</p>
<p>Good afternoon.</p>
<p>[[NATO|ORG|NATO]] Heads of State and Government will meet in [[Washington|PLACE|Washington, D.C.]] next week at a pivotal moment for our Alliance.</p>
<p>Our Summit will be an opportunity to celebrate 75 years of the most successful alliance in history. But more than celebrate, we will take decisive decisions.</p>
<p>Our most urgent task at the Summit will be support to [[Ukraine|STATE|Ukraine]].</p>
<p>[[Ukraine|STATE|Ukraine]] must prevail, and they need our sustained support.</p>
<p>First, [[NATO Security Assistance and Training for Ukraine|ORG|NATO Security Assistance and Training for Ukraine]].</p>
<p>[[NATO|ORG|NATO]] will take over the coordination and provision of most international security assistance. With a command led by a three-star general, and around 700 personnel working at a [[NATO|ORG|NATO]] headquarters in [[Germany|STATE|Germany]], and at logistical nodes in the eastern part of the Alliance.</p>
<p>This will not make [[NATO|ORG|NATO]] a party to the conflict. But it will enhance [[Ukraine|STATE|Ukraine]]’s self-defence.</p>
<p>Second, a financial pledge. I expect Allies to affirm their determination to support [[Ukraine|STATE|Ukraine]] in building a force capable of defeating [[Russian|DEMONYM|Russia]] aggression today, and deterring it in the future.</p>
<p>Since [[Russia|STATE|Russia]]’s full-scale invasion, Allies have provided around 40 billion euros in military aid each year.</p>
</div>
<footer><p>{{NATO - Homepage}}</p><p><a href="/cps/en/natohq/declassified.htm">Archives</a> <a href="/cps/en/natohq/contact.htm">Contact us</a></p></footer>
</body>
</html>
""",
})

ARTICLES.append({
    "file": "mofa_g7_response.html",
    "org": "Ministry of Foreign Affairs, Republic of China (Taiwan)",
    "url": "https://asiapac.mil-osi.com/author/mil-osi-publisher/page/1066",
    "title": "MOFA response to joint declaration by G7 defence ministers expressing concern over China’s joint military exercise around Taiwan and reaffirming importance of cross-strait peace and stability",
    "author": "",
    "date": "2024-10-20",
    "text": """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>MOFA response to joint declaration by G7 defence ministers expressing concern over China’s joint military exercise around Taiwan and reaffirming importance of cross-strait peace and stability-Ministry of Foreign Affairs, Republic of China (Taiwan)</title>
<meta name="DC.Title" content="MOFA response to joint declaration by G7 defence ministers expressing concern over China’s joint military exercise around Taiwan and reaffirming importance of cross-strait peace and stability">
<meta name="DC.Publisher" content="Ministry of Foreign Affairs, Republic of China (Taiwan)">
</head>
<body>
<a href="#C" class="acc">Skip to main content</a>
<header>{{<p class="logo">Ministry of Foreign Affairs, Republic of China (Taiwan)</p>}}
<nav><a href="/News.aspx">News and Events</a> <a href="/Policy.aspx">Foreign Policy</a> <a href="/Consular.aspx">Consular Services</a> <a href="/About.aspx">About MOFA</a></nav></header>
<div class="path"><a href="/">Home</a> &gt; <a href="/News.aspx">News and Events</a> &gt; Press Releases</div>
<section id="C">
<h2>[[MOFA|ORG|Ministry of Foreign Affairs (Taiwan)]] response to joint declaration by [[G7|ORG|G7]] defence ministers expressing concern over [[China|STATE|China]]’s joint military exercise around [[Taiwan|STATE|Taiwan]] and reaffirming importance of cross-strait peace and stability</h2>
<p>October 20, 2024</p>
<p>The [[Group of Seven|ORG|G7]] ([[G7|ORG|G7]]) defense ministers held a meeting in [[Naples|PLACE|Naples]], [[Italy|STATE|Italy]], from October 18 to 20. In a joint declaration issued on October 19, they expressed concern over [[China|STATE|China]]’s provocative actions, particularly the recent [[People’s Liberation Army|ORG|People's Liberation Army]] military drills around [[Taiwan|STATE|Taiwan]]. They reaffirmed that maintaining peace and stability across the [[Taiwan Strait|PLACE|Taiwan Strait]] was indispensable to international security and prosperity and called for the peaceful resolution of cross-strait issues. The [[Ministry of Foreign Affairs|ORG|Ministry of Foreign Affairs (Taiwan)]] highly welcomes and sincerely appreciates the [[G7|ORG|G7]] member states’ staunch support for maintaining the peaceful status quo across the [[Taiwan Strait|PLACE|Taiwan Strait]].</p>
<p>As a responsible member of the [[Indo-Pacific|PLACE|Indo-Pacific]] community, [[Taiwan|STATE|Taiwan]] will continue to strengthen cooperation with [[G7|ORG|G7]] member countries and take concrete actions to uphold the core values of democracy, freedom, human rights, and the rule of law.</p>
<p class="share">Share: Facebook | X | Line | Print</p>
</section>
<footer>{{<p>Ministry of Foreign Affairs, Republic of China (Taiwan)</p><p>No.2, Kaitakelan Blvd., Taipei City</p>}}</footer>
</body>
</html>
""",
})

ARTICLES.append({
    "file": "pd_envoy.html",
    "org": "People's Daily Online (Xinhua)",
    "url": "http://en.people.cn/n3/2023/0513/c90000-20018063.html",
    "title": "China special envoy to visit Ukraine, Poland, France, Germany, Russia",
    "author": "",
    "date": "2023-05-13",
    "text": """<!DOCTYPE html>
<html>
<head>
<meta http-equiv="content-type" content="text/html;charset=UTF-8">
<title>China special envoy to visit Ukraine, Poland, France, Germany, Russia - People's Daily Online</title>
<meta name="keywords" content="China,Ukraine,envoy">
<meta name="publishdate" content="2023-05-13">
</head>
<body>
<div class="top">{{<a href="http://en.people.cn/">People's Daily Online</a> <a href="#">Chinese</a> <a href="#">Japanese</a> <a href="#">French</a>}}</div>
<div class="nav">{{<a href="/90785/">China</a> <a href="/business/">Business</a> <a href="/90777/">World</a> <a href="/90782/">Society</a> <a href="/90779/">Opinion</a>}}</div>
<div class="w860">
<div class="path"><a href="http://en.people.cn/">Home</a>&gt;&gt;</div>
<h1>[[China|STATE|China]] special envoy to visit [[Ukraine|STATE|Ukraine]], [[Poland|STATE|Poland]], [[France|STATE|France]], [[Germany|STATE|Germany]], [[Russia|STATE|Russia]]</h1>
<div class="origin">{{(Xinhua)}} 08:23, May 13, 2023</div>
<p>[[BEIJING|PLACE|Beijing]], May 12 ([[Xinhua|ORG|Xinhua]]) -- Special Representative of the [[Chinese|DEMONYM|China]] Government on Eurasian Affairs [[Li Hui|PERSON|Li Hui]] will visit [[Ukraine|STATE|Ukraine]], [[Poland|STATE|Poland]], [[France|STATE|France]], [[Germany|STATE|Germany]] and [[Russia|STATE|Russia]] to communicate with all parties on the political settlement of the [[Ukraine|STATE|Ukraine]] crisis starting from May 15, a [[Chinese|DEMONYM|China]] foreign ministry spokesperson said Friday.</p>
<p>Spokesperson [[Wang Wenbin|PERSON|Wang Wenbin]] made the remarks at a regular press conference in response to a related question.</p>
<p>He pointed out that since the outbreak of the [[Ukraine|STATE|Ukraine]] crisis, [[China|STATE|China]] has been actively promoting peace talks in an objective and just manner, adding that [[Li|PERSON|Li Hui]]'s visit to relevant countries shows [[China|STATE|China]]'s commitment to promoting peace talks and fully demonstrates that [[China|STATE|China]] firmly stands on the side of peace.</p>
<p>[[China|STATE|China]] is willing to continue to play a constructive role in building more international consensus on the ceasefire, the cessation of war, the opening of peace talks, and the avoidance of escalation of the situation, and make [[China|STATE|China]]'s contribution to promoting the political settlement of the [[Ukraine|STATE|Ukraine]] crisis, [[Wang|PERSON|Wang Wenbin]] said.</p>
<div class="edit">{{(Web editor: Zhang Kaiwei, Liang Jun)}}</div>
<div class="related"><h3>Related Stories</h3>{{<ul><li><a href="#">Role of U.S. in Russia-Ukraine conflict: "We want dollars, not peace"</a></li><li><a href="#">Türkiye rejects U.S. proposal to send Russian-made air defense system to Ukraine: FM</a></li><li><a href="#">Moscow condemns Ukraine for Kremlin drone attack while Kiev denies involvement</a></li></ul>}}</div>
</div>
<div class="footer">{{Copyright by People's Daily Online. All rights reserved.}}</div>
</body>
</html>
""",
})

ARTICLES.append({
    "file": "pd_wangyi.txt",
    "org": "People's Daily Online (Xinhua)",
    "url": "http://en.people.cn/n3/2022/0307/c90000-9967588.html",
    "title": "China willing to continue playing constructive role in promoting Russia-Ukraine talks: FM",
    "author": "",
    "date": "2022-03-07",
    "text": """{{People's Daily Online
English | Chinese | Japanese | French | Spanish | Russian | Arabic}}
Home>>

[[China|STATE|China]] willing to continue playing constructive role in promoting [[Russia|STATE|Russia]]-[[Ukraine|STATE|Ukraine]] talks: FM

{{(Xinhua)}} 16:43, March 07, 2022

[[BEIJING|PLACE|Beijing]], March 7 ([[Xinhua|ORG|Xinhua]]) -- [[China|STATE|China]] is willing to continue playing a constructive role to facilitate [[Russia|STATE|Russia]]-[[Ukraine|STATE|Ukraine]] dialogue for peace, and work alongside the international community to carry out necessary mediation, State Councilor and Foreign Minister [[Wang Yi|PERSON|Wang Yi]] said Monday.

The international community should focus their efforts on facilitating [[Russia|STATE|Russia]]-[[Ukraine|STATE|Ukraine]] talks and preventing large-scale humanitarian crisis, [[Wang|PERSON|Wang Yi]] said, noting that [[China|STATE|China]] has done some work while maintaining close contacts with relevant parties.

[[China|STATE|China]] believes that the more tense the situation, the more important that the talks continue, while the wider the disagreement, the greater the need to sit down and have negotiation, he said.

{{(Web editor: Peng yukai, Liang Jun)}}

Photos
Related Stories
""",
})

ARTICLES.append({
    "file": "politico_blinken.html",
    "org": "Politico",
    "url": "https://www.politico.com/news/2022/01/21/blinken-us-russia-talks-ukraine-527569",
    "title": "Blinken: U.S.-Russia to continue talks on Ukraine crisis",
    "author": "",
    "date": "2022-01-21",
    "text": """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Blinken: U.S.-Russia to continue talks on Ukraine crisis - POLITICO</title>
<meta property="og:title" content="Blinken: U.S.-Russia to continue talks on Ukraine crisis">
<meta property="og:site_name" content="POLITICO">
<meta property="article:published_time" content="2022-01-21T12:38:00-05:00">
</head>
<body>
<div class="cookie-banner"><p>We use cookies to give you the best experience. By continuing, you accept our use of cookies. <a href="/privacy">Cookie policy</a></p></div>
<header>{{<a href="/" class="logo">POLITICO</a><nav><a href="/congress">Congress</a> <a href="/white-house">White House</a> <a href="/news/foreign-policy">Foreign Policy</a> <a href="/newsletters">Newsletters</a></nav>}}</header>
<main>
<p class="kicker">foreign policy</p>
<h1>[[Blinken|PERSON|Antony Blinken]]: [[U.S.|STATE|United States]]-[[Russia|STATE|Russia]] to continue talks on [[Ukraine|STATE|Ukraine]] crisis</h1>
<p class="dek">The secretary of State’s remarks came after his highly anticipated meeting with [[Russian|DEMONYM|Russia]] Foreign Minister [[Sergey Lavrov|PERSON|Sergey Lavrov]].</p>
<p>The [[United States|STATE|United States]] plans to present [[Russia|STATE|Russia]] next week with a written record of its concerns about [[Moscow|STATE|Russia]]’s behavior and proposals aimed at resolving the security crisis on the [[Russia|STATE|Russia]]-[[Ukraine|STATE|Ukraine]] border, Secretary of State [[Antony Blinken|PERSON|Antony Blinken]] said Friday.</p>
<p>[[Blinken|PERSON|Antony Blinken]]’s remarks came after his meeting in [[Geneva|PLACE|Geneva]] with [[Russian|DEMONYM|Russia]] Foreign Minister [[Sergey Lavrov|PERSON|Sergey Lavrov]], where the two top diplomats held highly anticipated talks following a week of engagements by [[Blinken|PERSON|Antony Blinken]] with [[U.S.|STATE|United States]] allies in [[Kyiv|PLACE|Kyiv]] and [[Berlin|PLACE|Berlin]].</p>
<p>Still, it remains unclear how a written response to [[Moscow|STATE|Russia]] from [[Washington|STATE|United States]] will help advance the mostly stagnant diplomacy between [[Russia|STATE|Russia]] and the [[West|PLACE|The West]]. The [[United States|STATE|United States]] has already ruled out [[Russia|STATE|Russia]]’s major demands: that [[NATO|ORG|NATO]] pull back its presence in the [[Baltic|PLACE|Baltic]] and [[Eastern Europe|PLACE|Eastern Europe]], and that [[Ukraine|STATE|Ukraine]] and [[Georgia|STATE|Georgia]] be permanently barred from joining the military alliance.</p>
<p>“This was not a negotiation, but a candid exchange of concerns and ideas,” [[Blinken|PERSON|Antony Blinken]] said Friday. “I made clear to Minister [[Lavrov|PERSON|Sergey Lavrov]] that there are certain issues and fundamental principles that the [[United States|STATE|United States]] and our partners and allies are committed to defend.”</p>
<div class="share">Share on Facebook · Share on Twitter · Email</div>
</main>
<footer><p>{{© 2022 POLITICO LLC}}</p></footer>
</body>
</html>
""",
})

ARTICLES.append({
    "file": "cny_papal_call.html",
    "org": "Catholic New York",
    "url": "https://www.cny.org/stories/a-strong-papal-call,24456",
    "title": "A Strong Papal Call",
    "author": "",
    "date": "2022-10-06",
    "text": """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>A Strong Papal Call | Catholic New York</title>
<meta property="og:title" content="A Strong Papal Call">
<meta property="og:site_name" content="Catholic New York">
</head>
<body>
<header>{{<div class="masthead"><a href="/">Catholic New York</a></div><div class="tagline">Newspaper of the Archdiocese of New York</div>}}
<nav><a href="/news">News</a> <a href="/editorials">Editorials</a> <a href="/columns">Columns</a> <a href="/subscribe">Subscribe</a> <a href="/e-edition">E-Edition</a></nav></header>
<main>
<p class="section">Editorials</p>
<h1>A Strong Papal Call</h1>
<p class="posted">Posted Thursday, October 6, 2022 9:00 am</p>
<p>Pope [[Francis|PERSON|Pope Francis]] did not mince words last Sunday with his appeal for an immediate end to the war in [[Ukraine|STATE|Ukraine]].</p>
<p>It was not his first time calling for an end to the fighting that began with [[Russian|DEMONYM|Russia]] President [[Vladimir Putin|PERSON|Vladimir Putin]]’s invasion in February of neighboring [[Ukraine|STATE|Ukraine]]. But it was the first time [[Francis|PERSON|Pope Francis]] called out [[Putin|PERSON|Vladimir Putin]] specifically, beseeching him to “stop this spiral of violence and death.”</p>
<p>The pope also urged [[Ukraine|STATE|Ukraine]]’s President [[Volodymyr Zelensky|PERSON|Volodymyr Zelensky]] to be open to any serious proposal for peace, and he called on world leaders to do everything in their power to bring an end to the bloody conflict.</p>
<p>Departing from his usual Angelus reflections on the day’s gospel reading, the pope delivered his strong message on [[Ukraine|STATE|Ukraine]] from the balcony overlooking [[St. Peter’s Square|PLACE|St. Peter's Square]] amid signs that the conflict was escalating, and as world leaders had gathered in [[New York|PLACE|New York]] for the opening of the [[United Nations General Assembly|ORG|UN General Assembly]].</p>
<p>Pope [[Francis|PERSON|Pope Francis]] is right on target. We support his goals without reservation.</p>
<p>Most recently, [[Putin|PERSON|Vladimir Putin]] upped the stakes significantly by announcing [[Russia|STATE|Russia]] was annexing four occupied [[Ukrainian|DEMONYM|Ukraine]] territories and hinting at the use of nuclear weapons.</p>
<p class="share">Share: Facebook Twitter Email Print</p>
</main>
<footer><p>{{© Catholic New York. All rights reserved.}}</p></footer>
</body>
</html>
""",
})

ARTICLES.append({
    "file": "fan_blinken_response.txt",
    "org": "Free American Network",
    "url": "https://freeamericanetwork.com/blinken-says-u-s-has-delivered-response-to-moscow/",
    "title": "Blinken says U.S. has delivered response to Moscow",
    "author": "",
    "date": "2022-01-26",
    "text": """{{FREE AMERICAN NETWORK}}
Home   News   Politics   Opinion   Video
[[Blinken|PERSON|Antony Blinken]] says [[U.S.|STATE|United States]] has delivered response to [[Moscow|STATE|Russia]]
{{FAN Editor}}
January 26, 2022

Secretary of State [[Anthony Blinken|PERSON|Antony Blinken]] says the [[U.S.|STATE|United States]] has delivered a written response to [[Moscow|STATE|Russia]]’s demands, amid [[Russia|STATE|Russia]]’s military buildup near [[Ukraine|STATE|Ukraine]].

“There are important things to work with if [[Russia|STATE|Russia]] is serious about working with them, and that is up to President [[Putin|PERSON|Vladimir Putin]] and we’ll see how they respond,” [[Blinken|PERSON|Antony Blinken]] said at the [[State Department|ORG|US State Department]] Wednesday.

The response to [[Russia|STATE|Russia]], coordinated with [[Ukraine|STATE|Ukraine]] and [[European|DEMONYM|Europe]] allies, outlines concerns about the things which the [[U.S.|STATE|United States]] and its allies believe [[Russia|STATE|Russia]] is doing to undermine security and stability, evaluates [[Russia|STATE|Russia]]’s concerns, and includes the [[United States|STATE|United States]]’ own proposals for common ground.

The [[U.S.|STATE|United States]] response has also been delivered to [[Congress|ORG|US Congress]], [[Blinken|PERSON|Antony Blinken]] said. Still, it’s “not a formal negotiating document,” [[Blinken|PERSON|Antony Blinken]] said. The [[North Atlantic Treaty Organization|ORG|NATO]] ([[NATO|ORG|NATO]]) will also respond to [[Russia|STATE|Russia]] with its own ideas.

“There is no daylight among the [[United States|STATE|United States]] and our allies and partners on these matters,” [[Blinken|PERSON|Antony Blinken]] said.

Related Posts
Leave a Reply
""",
})

ARTICLES.append({
    "file": "memo_starmer_banner.html",
    "org": "Middle East Monitor",
    "url": "https://www.middleeastmonitor.com/20240603-uk-labour-leader-must-commit-to-stop-arming-israel-to-get-our-vote-activists-say/",
    "title": "UK Labour leader must commit to stop arming Israel to get our vote, activists say",
    "author": "",
    "date": "2024-06-03",
    "text": """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="UTF-8">
<title>UK Labour leader must commit to stop arming Israel to get our vote, activists say &#8211; Middle East Monitor</title>
<meta property="og:title" content="UK Labour leader must commit to stop arming Israel to get our vote, activists say">
<meta property="og:site_name" content="Middle East Monitor">
<meta property="article:published_time" content="2024-06-03T14:12:25+01:00">
</head>
<body>
<div class="gdpr">This website uses cookies. By continuing to browse you accept our use of cookies. <a href="/privacy-policy/">Find out more</a></div>
<header>{{<a href="/" class="logo">Middle East Monitor</a>}} <p>Creating New Perspectives</p>
<nav>{{<a href="/category/region/middle-east/">Middle East</a> <a href="/category/region/africa/">Africa</a> <a href="/category/region/europe-russia/">Europe &amp; Russia</a> <a href="/category/region/americas/">Americas</a>}}</nav></header>
<article>
<h1>[[UK|STATE|United Kingdom]] [[Labour|ORG|Labour Party (UK)]] leader must commit to stop arming [[Israel|STATE|Israel]] to get our vote, activists say</h1>
<p class="date">June 3, 2024 at 2:12 pm</p>
<p>Activists this morning dropped a banner from [[Westminster Bridge|PLACE|Westminster Bridge]] calling on [[Labour|ORG|Labour Party (UK)]] leader [[Keir Starmer|PERSON|Keir Starmer]] to say he’ll end arms sales to [[Israel|STATE|Israel]] if he becomes prime minister.</p>
<p>This comes a day after a letter was published from more than 100 celebrities, including [[Riz Ahmed|PERSON|Riz Ahmed]], [[Paloma Faith|PERSON|Paloma Faith]] and [[Steve Coogan|PERSON|Steve Coogan]], calling on [[Keir Starmer|PERSON|Keir Starmer]] to commit to ending arms sales to [[Israel|STATE|Israel]] if elected on 4 July.</p>
<p>It comes in the midst of [[Labour|ORG|Labour Party (UK)]]’s General Election campaign, during which the party has been under pressure from voters to take a tougher stance on [[Israel|STATE|Israel]]. With more than 36,000 killed in [[Gaza|PLACE|Gaza]], [[Starmer|PERSON|Keir Starmer]] has been criticised by some [[Labour|ORG|Labour Party (UK)]] voters across the country for initially failing to call for a ceasefire.</p>
<p>[[The Muslim Vote|ORG|The Muslim Vote]] campaign has previously called for candidates to support policies that encompass freedom for [[Palestine|STATE|Palestine]], an end to Islamophobia and discrimination in social policies such as health and housing or risk losing votes at the next election.</p>
<p>Despite all the evidence of [[Israel|STATE|Israel]]’s war crimes, the weight of legal opinion and the fact that [[Israeli|DEMONYM|Israel]] Prime Minister [[Netanyahu|PERSON|Benjamin Netanyahu]] faces arrest warrants from the [[International Criminal Court|ORG|International Criminal Court]] ([[ICC|ORG|International Criminal Court]]) for crimes against humanity, [[Starmer|PERSON|Keir Starmer]], a former human rights lawyer, has refused to advocate for an end to arms sales to [[Israel|STATE|Israel]].</p>
<p>[[Palestine Solidarity Campaign|ORG|Palestine Solidarity Campaign]] Director, [[Ben Jamal|PERSON|Ben Jamal]], has called on [[Starmer|PERSON|Keir Starmer]] “to make clear if he takes international law seriously. If he does, then the course of action is clear – a [[Labour|ORG|Labour Party (UK)]] government would end arms sales to [[Israel|STATE|Israel]].”</p>
<p class="read">{{Read: UK Labour leader Starmer says he wants to recognise Palestine as part of peace process}}</p>
</article>
<aside><h3>Related</h3>{{<ul><li><a href="#">Israel kills 3 Palestinians in West Bank</a></li></ul>}}</aside>
<footer><p>{{© Middle East Monitor}}</p></footer>
</body>
</html>
""",
})

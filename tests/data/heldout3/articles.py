"""The texts of the third held-out set (markup as in ../heldout2/make_heldout2.py).

Written and annotated after the rules of issue 14 were done, and committed before the
pipeline was ever run on them: the untuned check of those rules.
"""

# ruff: noqa: E501

ARTICLES: list[dict] = []

ARTICLES.append({
    "file": "amnesty_icc_warrants.html",
    "org": "Amnesty International Ireland",
    "url": "https://www.amnesty.ie/icc-issues-arrest-warrants-iopt/",
    "title": "Israel/OPT: ICC issues arrest warrants",
    "author": "",
    "date": "2024-11-21",
    "text": """<!DOCTYPE html>
<html lang="en-IE">
<head>
<meta charset="UTF-8">
<title>Israel/OPT: ICC issues arrest warrants - Amnesty International Ireland</title>
<meta property="og:site_name" content="Amnesty International Ireland">
<meta property="article:published_time" content="2024-11-21T17:40:02+00:00">
</head>
<body>
<div class="cookie"><p>We use cookies to make our site work. <a href="/privacy/">Cookie settings</a> <button>Accept all</button></p></div>
<header>{{<a class="logo" href="/">Amnesty International Ireland</a>}}<nav><a href="/news/">News</a> <a href="/campaigns/">Campaigns</a> <a href="/donate/">Donate</a> <a href="/join/">Join</a></nav></header>
<main>
<h1>[[Israel|STATE|Israel]]/OPT: [[ICC|ORG|International Criminal Court]] issues arrest warrants</h1>
<p class="date">21 November 2024</p>
<p>Responding to the news that the [[International Criminal Court|ORG|International Criminal Court]] ([[ICC|ORG|International Criminal Court]]) has issued arrest warrants against [[Benjamin Netanyahu|PERSON|Benjamin Netanyahu]], Prime Minister of [[Israel|STATE|Israel]]; [[Yoav Gallant|PERSON|Yoav Gallant]], former [[Israeli|DEMONYM|Israel]] Minister of Defence and [[al-Qassam brigades|ORG|Al-Qassam Brigades]] commander [[Mohammed Diab Ibrahim Al-Masri|PERSON|Mohammed Deif]], known as [[Deif|PERSON|Mohammed Deif]], for charges of war crimes and crimes against humanity, [[Amnesty International|ORG|Amnesty International]]’s Secretary General [[Agnès Callamard|PERSON|Agnès Callamard]] said:</p>
<p>“The wheels of international justice have finally caught up with those who are alleged to be responsible for war crimes and crimes against humanity committed in [[Palestine|STATE|Palestine]] and [[Israel|STATE|Israel]].</p>
<p>“Prime Minister [[Netanyahu|PERSON|Benjamin Netanyahu]] is now officially a wanted man. Following his indictment, as well as the indictments of [[Gallant|PERSON|Yoav Gallant]] and [[Mohammed al-Masri|PERSON|Mohammed Deif]], commonly known as [[Mohammed Deif|PERSON|Mohammed Deif]], [[ICC|ORG|International Criminal Court]] member states and the whole international community must stop at nothing until these individuals are brought to trial before the [[ICC|ORG|International Criminal Court]]’s independent and impartial judges.</p>
<p>“Now, we urge all [[ICC|ORG|International Criminal Court]] member states, and non-states parties including the [[United States|STATE|United States]] and other allies of [[Israel|STATE|Israel]], to demonstrate their respect for the court’s decision.”</p>
<p class="share">Share this: Facebook Twitter Email</p>
</main>
<footer><p>{{Amnesty International Ireland, Seán MacBride House, 48 Fleet Street, Dublin 2}}</p></footer>
</body>
</html>
""",
})

ARTICLES.append({
    "file": "eeas_borrell_kuleba.txt",
    "org": "European External Action Service",
    "url": "https://www.eeas.europa.eu/eeas/ukraine-high-representativevice-president-josep-borrell-and-foreign-minister-dmytro-kuleba-discuss_en",
    "title": "Ukraine: High Representative/Vice-President Josep Borrell and Foreign Minister Dmytro Kuleba discuss the latest development in Ukraine",
    "author": "",
    "date": "2023-01-06",
    "text": """{{European Union External Action}}
Skip to main content
Headquarters   Delegations   Press material   Topics
[[Ukraine|STATE|Ukraine]]: High Representative/Vice-President [[Josep Borrell|PERSON|Josep Borrell]] and Foreign Minister [[Dmytro Kuleba|PERSON|Dmytro Kuleba]] discuss the latest development in [[Ukraine|STATE|Ukraine]]
06.01.2023 {{EEAS Press Team}}

On Friday 6 January High Representative/Vice-President [[Josep Borrell|PERSON|Josep Borrell]] had a phone call with [[Ukrainian|DEMONYM|Ukraine]] Foreign Affairs Minister [[Dmytro Kuleba|PERSON|Dmytro Kuleba]] to discuss the latest developments on the ground following [[Russia|STATE|Russia]]’s intensified missile and drone attacks on critical infrastructure, including residential buildings, over the recent weeks.

High Representative [[Borrell|PERSON|Josep Borrell]] condemned in the strongest possible terms these barbaric attacks that indiscriminately destroy infrastructure, residential and medical facilities, deliberately targeting and killing civilians. They constitute war crimes. [[Russia|STATE|Russia]]’s political and military leadership, and all those responsible and involved in these and other war crimes committed in [[Ukraine|STATE|Ukraine]] will be held accountable.

These [[Russian|DEMONYM|Russia]] attacks stand in sharp contradiction to the ceasefire unilaterally declared by [[Russian|DEMONYM|Russia]] President [[Putin|PERSON|Vladimir Putin]] yesterday. Such a ceasefire does not change the fact that [[Russia|STATE|Russia]] is illegally occupying parts of [[Ukraine|STATE|Ukraine]]’s territory.

The High Representative underlined the [[EU|ORG|European Union]]’s determination to continue our political, military, economic and humanitarian support to [[Ukraine|STATE|Ukraine]] in exercising its legitimate right to defend itself and its people against [[Russia|STATE|Russia]]’s aggression, for as long as it takes.

High Representative [[Borrell|PERSON|Josep Borrell]] also discussed the preparations of the next [[Foreign Affairs Council|ORG|Foreign Affairs Council]] on 23 January 2023 which Foreign Minister [[Kuleba|PERSON|Dmytro Kuleba]] will attend by videoconference.

Share this page:
Facebook   Twitter   LinkedIn   Email
""",
})

ARTICLES.append({
    "file": "eeas_borrell_plenary.md",
    "org": "European External Action Service",
    "url": "https://eeas.europa.eu/headquarters/headquarters-homepage/108902/ukrainerussia-speech-high-representativevice-president-josep-borrell-ep-plenary-situation_en",
    "title": "Ukraine/Russia: Speech by High Representative/Vice-President Josep Borrell at the EP Plenary on the situation at the border",
    "author": "Josep Borrell",
    "date": "2021-12-14",
    "text": """[Skip to main content](#main)

{{**European Union External Action**}} · [Headquarters](/headquarters) · [Delegations](/delegations) · [Press material](/press)

# [[Ukraine|STATE|Ukraine]]/[[Russia|STATE|Russia]]: Speech by High Representative/Vice-President [[Josep Borrell|PERSON|Josep Borrell]] at the [[EP|ORG|European Parliament]] Plenary on the situation at the border

14.12.2021
[[Strasbourg|PLACE|Strasbourg]]

Check against delivery!

Mr President, dear Honourable Members,

We changed the geographical situation. We changed the latitude and the longitude of the coordinates, but the problem is also very worrying. Now we talk about the situation in the [[Ukrainian|DEMONYM|Ukraine]] border and in the [[Russian|DEMONYM|Russia]]-occupied territories of [[Ukraine|STATE|Ukraine]].

I have been talking a lot about it during this weekend in [[Liverpool|PLACE|Liverpool]], together with my fellow colleagues of the [[G7|ORG|G7]], the biggest democracies in the world. I have been talking a lot with Secretary of State [of the [[United States|STATE|United States]], [[Antony|PERSON|Antony Blinken]]] [[Blinken|PERSON|Antony Blinken]] and we will talk a lot about it in the next [[European Union|ORG|European Union]] Council.

I had the opportunity also to talk about this with the [[Russian|DEMONYM|Russia]] Foreign Affairs Minister, [[Sergei Lavrov|PERSON|Sergey Lavrov]], during the [[OSCE|ORG|OSCE]] Meeting in [[Stockholm|PLACE|Stockholm]] and with the Foreign Affairs Minister of [[Ukraine|STATE|Ukraine]] [[[Dmytro Kuleba|PERSON|Dmytro Kuleba]]]. In the [[OSCE|ORG|OSCE]] meeting in [[Stockholm|PLACE|Stockholm]], we witnessed a lively exchange of views between Minister [[Lavrov|PERSON|Sergey Lavrov]] and Secretary of State [[Blinken|PERSON|Antony Blinken]] about this issue.

We at the [[European Union|ORG|European Union]] maintain regular contacts with President [of [[Ukraine|STATE|Ukraine]], [[Vladimir|PERSON|Volodymyr Zelensky]]] [[Zelensky|PERSON|Volodymyr Zelensky]], Prime Minister [[[Denys|PERSON|Denys Shmyhal]]] [[Shmyhal|PERSON|Denys Shmyhal]], and Foreign Minister [[Kuleba|PERSON|Dmytro Kuleba]].

Share: [Facebook](https://facebook.com/sharer) · [Twitter](https://twitter.com/share)
""",
})

ARTICLES.append({
    "file": "socialistalternative_tariffs.html",
    "org": "Socialist Alternative",
    "url": "https://www.socialistalternative.org/2025/04/04/socialist-qa-whats-going-on-with-trumps-tariffs/",
    "title": "Socialist Q&A: What’s Going On With Trump’s Tariffs?",
    "author": "",
    "date": "2025-04-04",
    "text": """<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="UTF-8">
<title>Socialist Q&amp;A: What’s Going On With Trump’s Tariffs? – Socialist Alternative</title>
<meta property="og:title" content="Socialist Q&amp;A: What’s Going On With Trump’s Tariffs?">
<meta property="og:site_name" content="Socialist Alternative">
<meta property="article:published_time" content="2025-04-04T15:02:00+00:00">
</head>
<body>
<header><p class="site-title">{{Socialist Alternative}}</p><nav><a href="/news/">News</a> <a href="/join/">Join</a> <a href="/donate/">Donate</a> <a href="/store/">Store</a></nav></header>
<article>
<h1>Socialist Q&amp;A: What’s Going On With [[Trump|PERSON|Donald Trump]]’s Tariffs?</h1>
<p class="meta">Published on April 4, 2025</p>
<h2>What Happened On “Liberation Day”?</h2>
<p>On April 2, [[Trump|PERSON|Donald Trump]] escalated the trade war by adding a blanket 10% tariff on all goods imported from other countries, on top of the 25% tariffs he imposed on [[Canada|STATE|Canada]] and [[Mexico|STATE|Mexico]] back in March. It includes a 20% tariff on all products from the [[European Union|ORG|European Union]], and up to 40% tariffs on many countries in [[Asia|PLACE|Asia]]. He has promised to retaliate against any country that implements tariffs on [[U.S.|STATE|United States]] exports, potentially kicking off an escalating trade war that could tip the global economy into a recession.</p>
<h2>What Are Tariffs?</h2>
<p>Tariffs are a tax on products imported from other countries. Tariffs are designed to make imported goods more expensive. But, because [[U.S.|STATE|United States]] importers still need to make a profit for their executives and shareholders, they pass any increased shipping costs onto workers in the form of higher prices.</p>
<h2>Who Pays For Tariffs?</h2>
<p>Working-class people will pay the price of [[Trump|PERSON|Donald Trump]]’s tariffs through price inflation, disruptions to supply chains and job losses. Tariffs on building materials like lumber from [[Canada|STATE|Canada]] and gypsum from [[Mexico|STATE|Mexico]] could raise the price of building a home by $10,000.</p>
</article>
<footer><p>{{© Socialist Alternative}}</p></footer>
</body>
</html>
""",
})

ARTICLES.append({
    "file": "gazeta_maduro_sanctions.txt",
    "org": "Gazeta do Povo (via SIV Telegram)",
    "url": "https://sivtelegram.media/the-us-has-responded-to-maduro-by-continuing-sanctions-against-venezuela/",
    "title": "The US has responded to Maduro by continuing sanctions against Venezuela",
    "author": "",
    "date": "2023-09-26",
    "text": """SIV TELEGRAM
Home | World | Americas | Economy | Opinion
September 26, 2023

The [[US|STATE|United States]] has responded to [[Maduro|PERSON|Nicolás Maduro]] by continuing sanctions against [[Venezuela|STATE|Venezuela]]

{{Venezuela’s dictator Nicolas Maduro speaks on Nov. 30, 2022.| Photo: EFE/ Rayner Peña R.}}

The [[US|STATE|United States]] responded to [[Venezuela|STATE|Venezuela]]’s President [[Nicolás Maduro|PERSON|Nicolás Maduro]] by saying he would “keep in place” the policy of economic sanctions against the South American country until concrete steps are taken to “return to democracy”.

“Until [[Maduro|PERSON|Nicolás Maduro]] and his followers repress the [[Venezuelan|DEMONYM|Venezuela]] people and divert resources to corrupt practices, we will pressure the regime with economic sanctions,” a [[US State Department|ORG|US State Department]] spokesman said in a statement on Monday.

[[Maduro|PERSON|Nicolás Maduro]] asked [[US|STATE|United States]] President [[Joe Biden|PERSON|Joe Biden]] to lift “all sanctions” imposed on [[Venezuela|STATE|Venezuela]] last Thursday (12), which he says are “criminal”.

The [[Biden|PERSON|Joe Biden]] administration has made it conditional on sanctions relief for [[Maduro|PERSON|Nicolás Maduro]]’s deals with the opposition at talks in [[Mexico City|PLACE|Mexico City]].

The [[United States|STATE|United States]] failed to recognize the interim presidency of [[Juan Guaido|PERSON|Juan Guaidó]] in [[Venezuela|STATE|Venezuela]] two weeks ago, but it does not recognize [[Maduro|PERSON|Nicolás Maduro]]’s government as legitimate.

{{Infographics Gazeta do Povo}}
""",
})

ARTICLES.append({
    "file": "europediplomatic_borrell.html",
    "org": "Europe Diplomatic",
    "url": "https://europediplomatic.com/2022/02/22/borrell-europe-at-critical-juncture/",
    "title": "Borrell: Europe at critical juncture",
    "author": "",
    "date": "2022-02-22",
    "text": """<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="UTF-8">
<title>Borrell: Europe at critical juncture | Europe Diplomatic</title>
<meta property="og:site_name" content="Europe Diplomatic">
</head>
<body>
<header>{{<div class="logo">Europe Diplomatic</div>}}<nav><a href="/category/eu/">EU</a> <a href="/category/world/">World</a> <a href="/category/culture/">Culture</a></nav></header>
<main>
<h1>[[Borrell|PERSON|Josep Borrell]]: [[Europe|PLACE|Europe]] at critical juncture</h1>
<p class="date">February 22, 2022</p>
<p>[[Brussels|PLACE|Brussels]] 22.02.2022 The reunion of the [[EU|ORG|European Union]] top diplomat in [[Foreign Affairs Council|ORG|Foreign Affairs Council]] has been called “the longest and most intense” among remembered by [[Josep Borrell|PERSON|Josep Borrell]], the [[EU|ORG|European Union]] High Representative, who shared with [[Brussels|PLACE|Brussels]] press the conclusions.</p>
<p>“Obviously, the main topic was the situation in [[Ukraine|STATE|Ukraine]]. In [[Ukraine|STATE|Ukraine]], [[Russia|STATE|Russia]] has created the biggest threat to peace and stability in [[Europe|PLACE|Europe]] since the Second World War.</p>
<p>“We have condemned the [[Russian|DEMONYM|Russia]] military build-up close to [[Ukraine|STATE|Ukraine]], the increased ceasefire violations and provocations from the [[Russia|STATE|Russia]]-backed separatists in eastern [[Ukraine|STATE|Ukraine]].</p>
<p>“In the meantime, while we were discussing inside the Council meeting, we were following the discussions of the [[Russian Security Council|ORG|Security Council of Russia]] with strong concern. We call upon President [of [[Russia|STATE|Russia]], [[Vladimir|PERSON|Vladimir Putin]]] [[Putin|PERSON|Vladimir Putin]] to respect international law and the Minsk agreements and expect him not to recognise the independence of [[Luhansk|PLACE|Luhansk]] and [[Donetsk|PLACE|Donetsk]] oblasts.</p>
<p>“Today we have had Foreign Minister [of [[Ukraine|STATE|Ukraine]] [[Dmytro Kuleba|PERSON|Dmytro Kuleba]]] and we have reaffirmed our unity, our resolve and solidarity with [[Ukraine|STATE|Ukraine]]. Because the [[Ukrainian|DEMONYM|Ukraine]] security is our security.</p>
<p class="tags">{{Tags: Borrell, EU, Russia, Ukraine}}</p>
</main>
</body>
</html>
""",
})

ARTICLES.append({
    "file": "wafa_amnesty_netanyahu.txt",
    "org": "WAFA",
    "url": "https://english.wafa.ps/Pages/Details/151841",
    "title": "Amnesty International: Netanyahu is now officially a wanted man",
    "author": "",
    "date": "2024-11-21",
    "text": """{{WAFA Agency
Palestine News & Info Agency - WAFA}}
Home   Occupation   Politics   Culture   Photos

[[Amnesty International|ORG|Amnesty International]]: [[Netanyahu|PERSON|Benjamin Netanyahu]] is now officially a wanted man
Thursday, November 21, 2024

[[PARIS|PLACE|Paris]], November 21, 2024 ([[WAFA|ORG|WAFA]]) – [[Amnesty International|ORG|Amnesty International]] Thursday said that [[Israeli|DEMONYM|Israel]] Prime Minister [[Benjamin Netanyahu|PERSON|Benjamin Netanyahu]] is now officially a wanted man.

“Prime Minister [[Netanyahu|PERSON|Benjamin Netanyahu]] is now officially a wanted man,” [[Amnesty International|ORG|Amnesty International]]’s Secretary General [[Agnès Callamard|PERSON|Agnès Callamard]] said in a statement.

“[[ICC|ORG|International Criminal Court]] member states and the whole international community must stop at nothing until these individuals are brought to trial before the [[ICC|ORG|International Criminal Court]]’s independent and impartial judges,” [[Callamard|PERSON|Agnès Callamard]] added.

She recalled that “the [[ICC|ORG|International Criminal Court]]’s arrest warrants for [[Netanyahu|PERSON|Benjamin Netanyahu]] and [[Gallant|PERSON|Yoav Gallant]] unequivocally include charges of war crimes which amount to ‘grave breaches’ of the Geneva Conventions.”

K.F.
""",
})

ARTICLES.append({
    "file": "gulftoday_netanyahu_warrant.html",
    "org": "Gulf Today",
    "url": "https://gulftoday.ae/news/2024/11/21/netanyahu-now-officially-a-wanted-man-after-icc-warrant-says-amnesty-chief",
    "title": "Netanyahu now officially a wanted man after ICC warrant, says Amnesty chief",
    "author": "",
    "date": "2024-11-21",
    "text": """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Netanyahu now officially a wanted man after ICC warrant, says Amnesty chief - Gulf Today</title>
<meta name="description" content="Israeli Prime Minister Benjamin Netanyahu is now officially a wanted man.">
</head>
<body>
<header>{{<a href="/" class="logo">Gulf Today</a>}}<nav>{{<a href="/section/uae">UAE</a> <a href="/section/world">World</a> <a href="/section/business">Business</a> <a href="/section/sports">Sports</a>}}</nav></header>
<main>
<h1>[[Netanyahu|PERSON|Benjamin Netanyahu]] now officially a wanted man after [[ICC|ORG|International Criminal Court]] warrant, says [[Amnesty|ORG|Amnesty International]] chief</h1>
<p class="byline">{{Agencies}}</p>
<p class="date">21 Nov 2024</p>
<p>[[Israeli|DEMONYM|Israel]] Prime Minister [[Benjamin Netanyahu|PERSON|Benjamin Netanyahu]] is "now officially a wanted man" after the [[International Criminal Court|ORG|International Criminal Court]]'s ([[ICC|ORG|International Criminal Court]]) decision on Thursday to issue arrest warrants for the [[Israeli|DEMONYM|Israel]] leader, [[Amnesty International|ORG|Amnesty International]] ([[AI|ORG|Amnesty International]]) said.</p>
<p>The [[ICC|ORG|International Criminal Court]] issued warrants for [[Netanyahu|PERSON|Benjamin Netanyahu]] and his former defence minister [[Yoav Gallant|PERSON|Yoav Gallant]], as well as [[Hamas|ORG|Hamas]] military chief [[Mohammed Deif|PERSON|Mohammed Deif]] "for crimes against humanity and war crimes committed from at least 8 October 2023 until at least 20 May 2024."</p>
<p>[[Turkey|STATE|Turkey]]'s top diplomat Thursday hailed as "a very important step" an [[ICC|ORG|International Criminal Court]] decision to issue arrest warrants for [[Netanyahu|PERSON|Benjamin Netanyahu]] and his former defence minister over [[Israel|STATE|Israel]]'s actions in [[Gaza|PLACE|Gaza]]. "This decision is an extremely important step in bringing to justice the [[Israeli|DEMONYM|Israel]] authorities who committed genocide against [[Palestinians|DEMONYM|Palestine]]," Foreign Minister [[Hakan Fidan|PERSON|Hakan Fidan]] wrote on [[X|ORG|X (Twitter)]].</p>
<p>The [[ICC|ORG|International Criminal Court]]'s move now theoretically limits their movements, as any of the court's 124 national members would be obliged to arrest them on their territory.</p>
</main>
<footer>{{<p>Gulf Today, Sharjah, United Arab Emirates</p>}}</footer>
</body>
</html>
""",
})

ARTICLES.append({
    "file": "capetimes_netanyahu_warrant.md",
    "org": "Cape Times (IOL)",
    "url": "https://www.iol.co.za/capetimes/world/arrest-warrant-for-israels-netanyahu-7eb24db0-be51-4f5f-b282-0a397f44879e",
    "title": "Arrest warrant for Israel’s Netanyahu",
    "author": "",
    "date": "2024-11-22",
    "text": """[Skip to content](#content)

{{**IOL** · [Cape Times](/capetimes)}} · [News](/news) · [World](/capetimes/world) · [Opinion](/opinion)

# Arrest warrant for [[Israel|STATE|Israel]]’s [[Netanyahu|PERSON|Benjamin Netanyahu]]

{{*AFP*}}

Published Nov 22, 2024

[[Israeli|DEMONYM|Israel]] Prime Minister [[Benjamin Netanyahu|PERSON|Benjamin Netanyahu]] was “now officially a wanted man” after the [[International Criminal Court|ORG|International Criminal Court]]’s decision on Thursday to issue arrest warrants for the [[Israeli|DEMONYM|Israel]] leader, [[Amnesty International|ORG|Amnesty International]] said. The [[ICC|ORG|International Criminal Court]] issued warrants for [[Netanyahu|PERSON|Benjamin Netanyahu]] and his former defence minister [[Yoav Gallant|PERSON|Yoav Gallant]], as well as [[Hamas|ORG|Hamas]] military chief [[Mohammed Deif|PERSON|Mohammed Deif]] “for crimes against humanity and war crimes committed from at least October 8, 2023 until at least May 20, 2024”.

“We urge all [[ICC|ORG|International Criminal Court]] member states, and non-states parties including the [[United States|STATE|United States]] and other allies of [[Israel|STATE|Israel]], to demonstrate their respect for the court’s decision, by arresting and handing over those wanted by the [[ICC|ORG|International Criminal Court]],” said [[Amnesty|ORG|Amnesty International]] Secretary General [[Agnes Callamard|PERSON|Agnès Callamard]].

[[Israel|STATE|Israel]] said in August that it had killed [[Deif|PERSON|Mohammed Deif]] in an air strike in southern [[Gaza|PLACE|Gaza]] in July, but [[Hamas|ORG|Hamas]] has not confirmed his death.

Share: [Facebook](https://facebook.com/sharer) · [X](https://x.com/share) · [WhatsApp](https://wa.me/)
""",
})

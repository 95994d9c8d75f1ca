#!/usr/bin/env python3
"""Writes the rotating URL lists the load benchmark requests: words from the synthetic corpus, alone and with facets."""
import random, sys
out, count = sys.argv[1], int(sys.argv[2])
random.seed(7)
english = ["court","county","immigration","hold","release","custody","notice","hearing","charge","plea","conviction","sentence",
  "counsel","defense","client","removal","relief","status","warrant","jail","booking","officer","policy","agreement","program",
  "federal","state","local","community","rights","advisory","consequence","offense","diversion","citation","arrest","record"]
common = ["detainer", "probation"]
rare = ["sheriff", "wso"]
types = ["practice-advisory","toolkit","explainer","fact-sheet","faq","report","one-pager","digest","video","community-alert","policy-memo","platform"]
def write(name, lines):
    with open(f"{out}/{name}.txt", "w") as f: f.write("\n".join(lines) + "\n")
write("index", ["/resources", "/resources?sort=newest", "/resources?page=2", "/resources?sort=oldest"])
write("search-common", [f"/resources?q={random.choice(common)}+{random.choice(english)}" for _ in range(1000)])
write("search-rare", [f"/resources?q={random.choice(rare)}+{random.choice(english)}" if i % 2 else f"/resources?q={random.choice(rare)}" for i in range(1000)])
write("search-faceted", [f"/resources?q={random.choice(common + english)}&topic=synthetic-topic-{random.randint(1,40)}&type={random.choice(types)}&year={random.randint(2011,2026)}" for _ in range(1000)])
write("topic", [f"/topics/synthetic-topic-{random.randint(1,40)}" for _ in range(200)])
write("resource", [f"/resources/synthetic-{random.randint(1,count)}" for _ in range(1000)])

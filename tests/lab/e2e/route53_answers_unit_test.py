#!/usr/bin/env python3
"""route53_answers.py's corner cases, without servers (the DNS side is
route53_answers_test.py): all weights 0, unhealthy weighted sets, both
failover sets unhealthy, geolocation without a default, alias loops, AWS
targets, and LUA code that survives the zone file's quoting."""

from __future__ import annotations

import os
import sys
import unittest

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import route53_answers as ra  # noqa: E402

ZONE_ID = "ZUNIT"


def zone(*records: dict) -> dict:
    return {"id": ZONE_ID, "name": "u.test.", "records": list(records)}


def rec(name: str, type_: str = "A", values: list[str] | None = None, ttl: int | None = 5, **extra: object) -> dict:
    return {"name": name, "type": type_, "ttl": ttl, "values": values or [], **extra}


def alias(name: str, target: str, **extra: object) -> dict:
    return rec(name, ttl=None, alias_target={"HostedZoneId": ZONE_ID, "DNSName": target,
                                             "EvaluateTargetHealth": False}, **extra)


def answer(z: dict, name: str, type_: str = "A", health: dict | None = None) -> tuple[ra.Answer | None, str]:
    zones = ra.Zones([z], health or {})
    return zones.answer(z, zones.sets[ZONE_ID][(name, type_)])


class Answers(unittest.TestCase):
    def test_all_weights_zero_answer_equally(self) -> None:
        a, _ = answer(zone(rec("w.u.test.", values=["192.0.2.1"], set_identifier="a", weight=0),
                           rec("w.u.test.", values=["192.0.2.2"], set_identifier="b", weight=0)), "w.u.test.")
        self.assertEqual(a.choices, ((1, ("192.0.2.1",)), (1, ("192.0.2.2",))))

    def test_weight_zero_left_out_when_others_are_not(self) -> None:
        a, _ = answer(zone(rec("w.u.test.", values=["192.0.2.1"], set_identifier="a", weight=0),
                           rec("w.u.test.", values=["192.0.2.2"], set_identifier="b", weight=3)), "w.u.test.")
        self.assertEqual(a.choices, ((3, ("192.0.2.2",)),))

    def test_unhealthy_weighted_set_left_out(self) -> None:
        z = zone(rec("w.u.test.", values=["192.0.2.1"], set_identifier="a", weight=1, health_check_id="h"),
                 rec("w.u.test.", values=["192.0.2.2"], set_identifier="b", weight=1))
        a, _ = answer(z, "w.u.test.", health={"h": {"healthy": False}})
        self.assertEqual(a.choices, ((1, ("192.0.2.2",)),))

    def test_failover_both_unhealthy_answers_primary(self) -> None:
        z = zone(rec("f.u.test.", values=["192.0.2.1"], set_identifier="p", failover="PRIMARY", health_check_id="h1"),
                 rec("f.u.test.", values=["192.0.2.2"], set_identifier="s", failover="SECONDARY", health_check_id="h2"))
        down = {"h1": {"healthy": False}, "h2": {"healthy": False}}
        self.assertEqual(answer(z, "f.u.test.", health=down)[0].choices, ((1, ("192.0.2.1",)),))
        self.assertEqual(answer(z, "f.u.test.", health={"h1": {"healthy": False}})[0].choices,
                         ((1, ("192.0.2.2",)),))

    def test_geolocation_without_default_has_no_answer(self) -> None:
        z = zone(rec("g.u.test.", values=["192.0.2.1"], set_identifier="de", geo_location={"CountryCode": "DE"}))
        self.assertIsNone(answer(z, "g.u.test.")[0])
        self.assertIn("; g.u.test. A: no answer (geolocation", ra.zone_text(z, ra.Zones([z], {})))

    def test_alias_loop_has_no_answer(self) -> None:
        a, why = answer(zone(alias("a.u.test.", "b.u.test."), alias("b.u.test.", "a.u.test.")), "a.u.test.")
        self.assertIsNone(a)
        self.assertIn("alias chain", why)

    def test_alias_to_missing_record_says_so(self) -> None:
        a, why = answer(zone(alias("a.u.test.", "nothing.u.test.")), "a.u.test.")
        self.assertIsNone(a)
        self.assertIn("does not hold", why)

    def test_aws_targets(self) -> None:
        elb = ra.aws_target("dualstack.LAB-ELB-1234567890.us-east-1.elb.amazonaws.com", "A")
        self.assertEqual(elb, ra.Answer(60, ((1, ("198.51.100.10", "198.51.100.11")),)))
        other = ra.aws_target("my-bucket.s3-website-us-east-1.amazonaws.com.", "A")
        self.assertEqual(other, ra.aws_target("my-bucket.s3-website-us-east-1.amazonaws.com", "A"))
        self.assertTrue(all(v.startswith("198.51.100.") for v in other.choices[0][1]))
        self.assertIsNone(ra.aws_target("d111111abcdef8.cloudfront.net", "MX"))

    def test_lua_code_has_no_quote_or_backslash(self) -> None:
        lines = ra.records("t.u.test.", "TXT", ra.Answer(5, ((1, ('"a\\"b\'c"',)), (2, ('"d" "e"',)))))
        self.assertEqual(len(lines), 1)
        code = lines[0].split('"', 1)[1][:-1]
        self.assertNotIn('"', code)
        self.assertNotIn("\\", code)
        self.assertIn("pickwrandom({{1,'1'},{2,'2'}})", code)

    def test_simple_sets_stay_plain_records(self) -> None:
        z = zone(rec("u.test.", "MX", ["10 mail.u.test"]), rec("www.u.test.", values=["192.0.2.1", "192.0.2.2"]))
        text = ra.zone_text(z, ra.Zones([z], {}))
        self.assertIn("u.test. 5 IN MX 10 mail.u.test.\n", text)
        self.assertIn("www.u.test. 5 IN A 192.0.2.2\n", text)
        self.assertNotIn("LUA", text)


if __name__ == "__main__":
    unittest.main()

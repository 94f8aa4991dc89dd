"""Configuration: rule defaults, then a project file found from the working directory, then CLI flags."""
from __future__ import annotations

import configparser
import os
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from types import ModuleType

from auditor.bilingual import Text
from auditor.errors import unreadable
from auditor.ruleapi import SEVERITIES
from auditor.vocabulary import MEANINGS
from auditor.waivers import WaiverError, load_waivers
from rules import RULES

FILE_NAMES = ("lkjip-audit.toml", "lkjip-audit.cfg", "setup.cfg", "pyproject.toml")
SECTION = "lkjip-audit"
GENERAL_KEYS = {"select", "ignore", "fail-on", "match-threshold", "waivers", "timeout", "max-memory"}
SHARED_OPTIONS = {key for key, count in Counter(k for rule in RULES.values() for k in rule.CONF).items() if count > 1}


class ConfigError(Exception):
    """A configuration the tool cannot use; `text` says which file and key, in either language."""

    def __init__(self, text: Text):
        super().__init__(text.en)
        self.text = text


@dataclass
class Config:
    select: list[str] = field(default_factory=lambda: ["LKJ"])
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    options: dict[str, dict] = field(default_factory=dict)
    fail_on: str = "error"
    match_threshold: float = 88.0
    waivers: str | None = None
    timeout: float = 120.0
    max_memory: int = 2048
    headers: dict[str, list[str]] = field(default_factory=dict)  # meaning -> a kabupaten's own header phrases
    source: str | None = None

    def enabled(self, code: str) -> bool:
        """Longest matching prefix of select/ignore wins; a tie goes to ignore (so `--ignore LKJ` ignores all)."""
        selected = max((len(p) for p in self.select if code.startswith(p)), default=-1)
        ignored = max((len(p) for p in self.ignore if code.startswith(p)), default=-1)
        return selected >= 0 and selected > ignored

    def rules(self) -> list[ModuleType]:
        return [rule for code, rule in sorted(RULES.items()) if self.enabled(code)]

    def options_for(self, rule: ModuleType) -> dict:
        """The rule's defaults, then what the configuration sets. An option several rules declare is one
        setting (SHARED_OPTIONS): `lower-is-better` set for LKJ101 holds for LKJ104 too."""
        shared = {key: value for options in self.options.values() for key, value in options.items()
                  if key in SHARED_OPTIONS and key in rule.CONF}
        return {**rule.DEFAULT, **shared, **self.options.get(rule.ID, {})}


    def effective(self) -> dict:
        """What this run used, for the JSON output: select, ignore, severities and every rule's options."""
        return {"source": self.source, "select": self.select, "ignore": self.ignore, "fail-on": self.fail_on,
                "match-threshold": self.match_threshold, "waivers": self.waivers, "timeout": self.timeout,
                "max-memory": self.max_memory, "severity": dict(self.severity),
                "rules": [rule.ID for rule in self.rules()],
                "options": {rule.ID: {**rule.DEFAULT, **self.options.get(rule.ID, {})} for rule in self.rules()
                            if rule.DEFAULT or self.options.get(rule.ID)}}


def unknown_codes(prefixes: list[str]) -> list[str]:
    """Select/ignore entries that no rule code starts with (a typo would silently run nothing)."""
    return [p for p in prefixes if not any(code.startswith(p.upper()) for code in RULES)]


def find_config_file(start: str | None = None) -> str | None:
    directory = os.path.abspath(start or os.getcwd())
    while True:
        for name in FILE_NAMES:
            candidate = os.path.join(directory, name)
            if os.path.isfile(candidate) and _has_our_section(candidate):
                return candidate
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def _has_our_section(path: str) -> bool:
    if path.endswith(".toml"):
        if os.path.basename(path) == "lkjip-audit.toml":
            return True
        try:
            with open(path, "rb") as handle:
                data = tomllib.load(handle)
        except (OSError, tomllib.TOMLDecodeError):
            return False
        return SECTION in data or SECTION in data.get("tool", {})
    parser = configparser.ConfigParser()
    try:
        parser.read(path, encoding="utf-8")
    except configparser.Error:
        return False
    return any(s == SECTION or s.startswith(SECTION + ":") for s in parser.sections())


def load_config(path: str | None = None, near: str | None = None) -> Config:
    """The file given, else the first found from `near` (the report's folder) upwards, else from the working
    directory upwards."""
    path = path or (find_config_file(near) if near else None) or find_config_file()
    config = Config()
    if path is None:
        return config
    general, per_rule, headers = _read(path)
    config.source = path
    _apply_general(config, general, path)
    config.headers = _headers(headers, path)
    for code, values in per_rule.items():
        _apply_rule(config, code, values, path)
    return config


def _read(path: str) -> tuple[dict, dict[str, dict], dict]:
    try:
        if path.endswith(".toml"):
            with open(path, "rb") as handle:
                data = tomllib.load(handle)
            # a [lkjip-audit] table, a [tool.lkjip-audit] table (pyproject.toml), or top-level keys
            data = data.get(SECTION) or data.get("tool", {}).get(SECTION) or data
            rules = data.pop("rules", {})
            return data, rules, data.pop("headers", {})
        parser = configparser.ConfigParser()
        parser.read(path, encoding="utf-8")
    except (OSError, tomllib.TOMLDecodeError, configparser.Error) as error:
        raise ConfigError(unreadable(path, error)) from None
    general = dict(parser[SECTION]) if parser.has_section(SECTION) else {}
    rules = {s.split(":")[-1].upper(): dict(parser[s]) for s in parser.sections() if s.startswith(SECTION + ":rules:")}
    headers = dict(parser[SECTION + ":headers"]) if parser.has_section(SECTION + ":headers") else {}
    unknown = [s for s in parser.sections() if s.startswith(SECTION + ":")
               and s != SECTION + ":headers" and not s.startswith(SECTION + ":rules:")]
    if unknown:
        known = f"[{SECTION}], [{SECTION}:rules:LKJ…], [{SECTION}:headers]"
        raise ConfigError(Text(f"{path}: bagian tidak dikenal: {', '.join(unknown)}; yang dikenal: {known}.",
                               f"{path}: unknown section(s) {', '.join(unknown)}; known: {known}"))
    return general, rules, headers


def _headers(values: dict, path: str) -> dict[str, list[str]]:
    """[lkjip-audit:headers]: meaning = phrases a kabupaten prints in that column's header."""
    if not isinstance(values, dict):
        raise ConfigError(Text(f"{path}: headers harus berupa bagian berisi 'makna = frasa, frasa'.",
                               f"{path}: headers must be a section of 'meaning = phrase, phrase'"))
    unknown = set(values) - set(MEANINGS)
    if unknown:
        raise ConfigError(Text(
            f"{path}: makna kolom tidak dikenal di [{SECTION}:headers]: {', '.join(sorted(unknown))}; yang dikenal: "
            f"{', '.join(sorted(MEANINGS))}.",
            f"{path}: unknown header meaning(s) {', '.join(sorted(unknown))} in [{SECTION}:headers]; "
            f"known: {', '.join(sorted(MEANINGS))}"))
    return {meaning: _as_list(phrases) for meaning, phrases in values.items() if _as_list(phrases)}


def _as_list(value) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value]
    return [v.strip() for v in str(value).replace("\n", ",").split(",") if v.strip()]


def _apply_general(config: Config, general: dict, path: str) -> None:
    unknown = set(general) - GENERAL_KEYS
    if unknown:
        raise ConfigError(Text(
            f"{path}: opsi tidak dikenal: {', '.join(sorted(unknown))}; yang dikenal: {', '.join(sorted(GENERAL_KEYS))}.",
            f"{path}: unknown option(s) {', '.join(sorted(unknown))}; known: {', '.join(sorted(GENERAL_KEYS))}"))
    for key in ("select", "ignore"):
        if key in general:
            codes = [code.upper() for code in _as_list(general[key])]
            unknown = unknown_codes(codes)
            if unknown:
                raise ConfigError(Text(
                    f"{path}: {key}: kode aturan tidak dikenal: {', '.join(unknown)}; lihat 'lkjip-audit rules'.",
                    f"{path}: {key}: unknown rule code(s) {', '.join(unknown)}; see 'lkjip-audit rules'"))
            setattr(config, key, codes)
    if "fail-on" in general:
        config.fail_on = _severity(general["fail-on"], path, "fail-on")
    for key, kind in (("match-threshold", float), ("timeout", float), ("max-memory", int)):
        if key in general:
            setattr(config, key.replace("-", "_"), _convert(kind, general[key], path, key))
    if "waivers" in general:
        config.waivers = os.path.join(os.path.dirname(path), str(general["waivers"]))
        try:
            load_waivers(config.waivers)  # a broken waiver file stops the run before any audit
        except WaiverError as error:
            raise ConfigError(error.text) from None


def _severity(value, path: str, key: str) -> str:
    value = str(value).strip().lower()
    if value not in SEVERITIES:
        raise ConfigError(Text(f"{path}: {key} harus salah satu dari {', '.join(SEVERITIES)}, bukan '{value}'.",
                               f"{path}: {key} must be one of {', '.join(SEVERITIES)}, not '{value}'"))
    return value


def _apply_rule(config: Config, code: str, values: dict, path: str) -> None:
    if code not in RULES:
        raise ConfigError(Text(f"{path}: aturan {code} tidak dikenal; lihat 'lkjip-audit rules'.",
                               f"{path}: unknown rule {code}; see 'lkjip-audit rules'"))
    rule = RULES[code]
    options: dict = {}
    for key, value in values.items():
        if key == "severity":
            config.severity[code] = _severity(value, path, f"{code}.severity")
            continue
        option = key.replace("-", "_")
        if option not in rule.CONF:
            known = ", ".join([*sorted(rule.CONF), "severity"])
            raise ConfigError(Text(f"{path}: opsi '{key}' tidak dikenal untuk {code}; yang dikenal: {known}.",
                                   f"{path}: unknown option '{key}' for {code}; known: {known}"))
        options[option] = _convert(rule.CONF[option], value, path, f"{code}.{key}")
        if option == "formula" and hasattr(rule, "FORMULAS") and options[option] not in rule.FORMULAS:
            raise ConfigError(Text(f"{path}: {code}.formula harus salah satu dari: {'; '.join(rule.FORMULAS)}.",
                                   f"{path}: {code}.formula must be one of: {'; '.join(rule.FORMULAS)}"))
    config.options[code] = options


def _convert(kind: type, value, path: str, key: str):
    if kind is list:
        return _as_list(value)
    if kind is bool:
        if isinstance(value, bool):
            return value
        lowered = str(value).strip().lower()
        if lowered in ("true", "yes", "1", "ya"):
            return True
        if lowered in ("false", "no", "0", "tidak"):
            return False
        raise ConfigError(Text(f"{path}: {key} harus true atau false (ya/tidak).", f"{path}: {key} must be true or false"))
    try:
        return kind(value)
    except (TypeError, ValueError):
        raise ConfigError(Text(f"{path}: {key} harus berupa {_KINDS[kind]['id']}, bukan '{value}'.",
                               f"{path}: {key} must be {_KINDS[kind]['en']}, not '{value}'")) from None


_KINDS = {int: Text("bilangan bulat", "a whole number"), float: Text("angka", "a number"), str: Text("teks", "text")}

"""C003 placeholder: a placeholder or template syntax left in"""

from __future__ import annotations

from rule_helpers import check


def test_placeholder() -> None:
    check("2024年第三季度，青山县教育局认真落实上级部署。\n", C003=None)
    check("2024年第三季度，XX县教育局认真落实上级部署。\n", C003=(1, 11))
    check("我局认真落实上级部署{1}。\n", C003=None)  # a footnote mark is no template


def test_unrendered_template_syntax() -> None:
    check("2024年第三季度，{{ 学校 }}认真落实上级部署。\n", C003=(1, 11))
    check("主要存在以下几点：{% if 有问题 %}设施老化{% endif %}。\n", C003=[(1, 10), (1, 26)])
    check("主要存在以下几点：{#备注#}设施老化。\n", C003=(1, 10))

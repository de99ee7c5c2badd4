"""A pick from a one-cell range is stored as an IF of the cell (Gnumeric reads INDEX over one
cell as #REF!); every other formula is stored as written."""
import pytest

from xlmodel.workbook.one_cell_pick import rewrite


@pytest.mark.parametrize("written, stored", [
    ("INDEX($B$71:$B$71,1,Negotiation!$B$76)", "IF(Negotiation!$B$76=1,$B$71,NA())"),
    ("INDEX(Inputs!$C$30:$C$30,1,MATCH(MAX($B$2:$B$2),$B$2:$B$2,0))&\"x\"",
     "IF(MATCH(MAX($B$2:$B$2),$B$2:$B$2,0)=1,Inputs!$C$30,NA())&\"x\""),
    ("INDEX(Draws!$B$5:$B$5,$D$1,1)", "IF($D$1=1,Draws!$B$5,NA())"),
    ("INDEX($B$5:$B$5,$D$1,$E$1)", "IF(($D$1)*($E$1)=1,$B$5,NA())"),
    ("INDEX($B$9:$B$9,INDEX($D$1:$D$1,1,2))", "IF(IF(2=1,$D$1,NA())=1,$B$9,NA())"),
    ('IF(A1="INDEX(",INDEX($B$5:$B$5,1),0)', 'IF(A1="INDEX(",IF(1=1,$B$5,NA()),0)'),
])
def test_a_one_cell_pick_becomes_an_if(written, stored):
    assert rewrite(written) == stored


@pytest.mark.parametrize("written", [
    "INDEX($B$9:$C$9,1,2)", "SUM($B$5:$B$5)", "MATCH(1,$B$5:$B$5,0)", "INDEX($B$5:$B$6,2,1)+1",
    "MYINDEX($B$5:$B$5,1)",
])
def test_other_formulas_are_stored_as_written(written):
    assert rewrite(written) == written


def test_a_pick_inside_a_wider_pick_is_rewritten_alone():
    assert rewrite("INDEX($B$9:$C$9,1,INDEX($D$1:$D$1,1,1))") == "INDEX($B$9:$C$9,1,IF(1=1,$D$1,NA()))"

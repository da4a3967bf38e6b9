"""A small first-name gazetteer: the gender a given name usually signals in English-language news.

Only names that are strongly one gender are listed (common US/UK given names of the last century
and frequent names of public figures); ambiguous ones (Jordan, Taylor, Robin, Leslie, Kim...)
are left out, so an unlisted name simply leaves the gender unknown.
"""

from __future__ import annotations

MALE_NAMES = frozenset("""
aaron abdul abraham adam adrian ahmed al alan albert alberto alejandro alex alexander alexei alfred
ali allen alvin amir andre andrew andy angelo anthony antonio archie arnold arthur austin barack
barry bashar ben benjamin bernard bernie bill billy bob bobby boris brad bradley brandon brendan
brett brian bruce bryan buck calvin carl carlos cecil chad charles charlie chris christopher chuck
clarence claude clifford clint clyde cody colin craig curtis dale dan daniel danny darrell darren
dave david dean dennis derek dick diego dmitry don donald doug douglas duane dustin dwight earl ed
eddie edgar eduardo edward edwin elijah elliott emmanuel enrique eric ernest eugene evan felix
fernando francis francisco frank franklin fred frederick gabriel gary gavin gene geoffrey george
gerald gilbert glenn gordon graham greg gregory gustavo guy hank harold harry harvey hassan hector
henry herbert herman howard hugh hugo ian ibrahim isaac ivan jack jacob jake james jared jason
javier jay jeb jed jeff jeffrey jeremy jerome jerry jesse jim jimmy joe joel joey john johnny jon
jonathan jorge jose joseph josh joshua juan julian justin karl keith ken kenneth kevin kirk kurt
kyle lamar lance larry lawrence leo leon leonard lewis lloyd louis luis luke lyndon
malcolm manuel marco marcus mario mark martin marvin matt matthew maurice max michael miguel mike
milton mitch mitchell mitt mohamed mohammed muhammad nathan neil nelson nicholas nick nigel noah
norman oliver omar oscar otto owen pablo patrick paul pedro pete peter phil philip phillip pierre
rafael ralph randall randy raul ray raymond reince rex ricardo richard rick ricky rob robert roberto
rod roger roland ron ronald ross roy rudy russell ryan salvador sam samuel scott sean sergei sergio
seth shawn sidney stanley stephen steve steven stuart ted terry theodore thomas tim timothy todd tom
tommy tony travis trent troy tyler victor vincent vladimir wade walter warren wayne wesley will
william willie xavier yusuf zachary
""".split())

FEMALE_NAMES = frozenset("""
abigail adriana agnes aileen alice alicia alison amanda amber amy ana andrea angela angelina anita
ann anna anne annie antonia april barbara beatrice becky belinda bernadette beth betsy betty beverly
bonnie brenda bridget brittany camille carla carly carmen carol caroline carolyn catherine cathy
charlotte cheryl christina christine cindy claire clara claudia colleen connie courtney cynthia
daisy danielle daphne debbie deborah debra denise diana diane dianne dolores donna doris
dorothy edith eileen elaine eleanor elena elisabeth elizabeth ella ellen elsa emily emma erica
erin esther eva evelyn fatima felicia florence frances gail gina gladys gloria grace gretchen
hannah harriet heather heidi helen hillary holly ida ingrid irene iris isabel jacqueline jane janet
janice jean jeanne jennifer jenny jessica jill joan joanna joanne josephine joy joyce judith judy
julia julie karen katherine kathleen kathryn kathy katie kay kelly kimberly kristen laura lauren
linda lisa lois lori lorraine louise lucy lydia madeleine maggie marcia margaret maria marie
marilyn marion marjorie martha mary maureen megan melania melanie melissa meryl michele michelle
mildred miriam molly monica nancy naomi natalie nicole nina nora norma olga pam pamela patricia
paula pauline peggy penny phyllis priscilla rachel rebecca regina renee rita roberta rosa rosalind
rose ruth sally samantha sandra sara sarah sharon sheila shirley sonia sophia stacy stephanie sue
susan suzanne sylvia tammy tanya teresa theresa tiffany tina tracy ursula valerie vanessa vera
veronica victoria virginia vivian wanda wendy yolanda yvonne
""".split())


def first_name_gender(word: str) -> str | None:
    """'m' or 'f' for a listed first name (lower case), else None."""
    if word in MALE_NAMES:
        return "m"
    if word in FEMALE_NAMES:
        return "f"
    return None

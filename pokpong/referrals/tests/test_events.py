"""The referral mechanism ends what builds on a case when the cases app announces it."""


def test_the_referral_mechanism_listens_to_case_closure_and_consent_withdrawal():
    from pokpong.cases.events import case_closed, consent_withdrawn
    from pokpong.referrals.services import referrals_end_for_case, revoke_all_referral_access

    assert referrals_end_for_case in case_closed.subscribers()
    assert revoke_all_referral_access in consent_withdrawn.subscribers()

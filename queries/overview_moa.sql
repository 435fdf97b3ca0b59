-- MoA counts for a region on $as_of (moa_as_of, moa_in_region in queries/macros.sql): signed, active, ending
-- within 90 days, ended without a renewal decision, and the pipeline (drafts and discontinued agreements).
-- privacy: counts=none (agreements, not people)
with final as (
    select
        count(*) filter (where m.is_active) as active_moa_count,
        count(*) filter (where m.is_ending_soon) as ending_soon_moa_count,
        count(*) filter (where m.is_ended_undecided) as ended_undecided_moa_count,
        count(*) filter (where m.is_signed) as signed_moa_count,
        count(*) filter (where not m.is_signed) as pipeline_moa_count,
        count(*) as moa_count
    from moa_as_of($as_of) as m
    where m.moa_id in (select moa_id from moa_in_region($region))
)

select * from final

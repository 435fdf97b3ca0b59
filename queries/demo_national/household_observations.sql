-- National-shape demo: baseline and endline observations of every register household, generated inside DuckDB.
-- plan_treatment: per targeted household the strongest MoA effect (0-1) and the sectors of the MoAs reaching it.
-- The model follows sinergi.data.demo.observations.make_observations.
-- privacy: admin-only (a statement of the demo generator, never read by a page)
insert into household_observation
with h as (
    select
        row_key($seed, h.household_id) as rk,
        h.household_id,
        h.welfare_decile as d,
        h.members_count,
        h.mothers_children_count,
        h.toilet_facility = 'MILIK SENDIRI' as own_toilet,
        coalesce(t.effect, 0) as effect,
        coalesce(t.pangan, false) as on_pangan,
        coalesce(t.energi, false) as on_energi,
        coalesce(t.kesehatan, false) as on_kesehatan,
        coalesce(t.umkm, false) as on_umkm
    from household as h
    left join plan_treatment as t on t.household_id = h.household_id
),

drawn as (
    select
        *,
        effect > 0 as targeted,
        $line * ($exp_lo[d] + ($exp_hi[d] - $exp_lo[d]) * draw(rk, 40))
        * exp(0.06 * gauss(rk, 41)) as base_exp,
        draw(rk, 43) < $employed_p[d] as head_emp0,
        greatest(round(
            greatest(members_count - 2, 0) * 0.18
            + sqrt(greatest(members_count - 2, 0) * 0.18 * 0.82) * gauss(rk, 44)
        ), 0)::integer as other_employed,
        draw(rk, 46) < case when mothers_children_count > 0 then 0.62 else 0.7 end as health0,
        case when d = 1 then 0.035 else 0.02 end as deaths_rate,
        exp(0.07 + 0.11 * gauss(rk, 47))
        * (1 + 0.42 * effect * (0.4 + draw(rk, 49)))
        * case when draw(rk, 50) < 0.04 then 0.55 + 0.3 * draw(rk, 51) else 1 end
        as growth,
        (draw(rk, 52) < least(0.05 + 0.45 * effect, 1))::integer
        + (draw(rk, 53) < 0.12 * effect)::integer as new_jobs
    from h
),

endline as (
    select
        *,
        draw(rk, 54) < case when targeted then 0.25 + 0.65 * effect else 0.03 end as trained,
        any_of(
            coalesce(nullif(list_filter(
                [
                    case when on_pangan then 'pangan' end,
                    case when on_energi then 'energi' end,
                    case when on_kesehatan then 'kesehatan' end,
                    case when on_umkm then 'umkm' end
                ],
                lambda s: s is not null
            ), []), $sectors),
            hdraw(rk, 55)
        ) as sector_drawn,
        0.03 + case when on_umkm or on_pangan then 0.45 else 0.1 end * effect as business_p,
        case when on_kesehatan then 0.25 + 0.6 * effect else 0.06 end as health_gain,
        case when on_kesehatan then 0.15 + 0.5 * effect else 0.04 end as sanitation_gain,
        deaths_rate * case when on_kesehatan then 1 - 0.6 * effect else 1 end as end_deaths_rate
    from drawn
),

final as (
    select
        e.household_id,
        r.round_id,
        r.started_on + (hdraw(e.rk, 56 + r.round_id) % 50)::integer as observed_on,
        round(case when r.round_id = $baseline_round_id then e.base_exp else e.base_exp * e.growth end, 0)
            as expenditure_rp_per_capita_day,
        e.head_emp0 or (r.round_id <> $baseline_round_id and e.new_jobs > 0) as head_employed,
        e.head_emp0::integer + e.other_employed
        + case when r.round_id = $baseline_round_id then 0 else e.new_jobs end as employed_members_count,
        case when r.round_id = $baseline_round_id then 0 else e.new_jobs end as new_jobs_count,
        case when r.round_id <> $baseline_round_id and e.trained then e.sector_drawn end as trained_sector,
        case
            when r.round_id <> $baseline_round_id and e.trained then 1 + (draw(e.rk, 60) < 0.35)::integer
            else 0
        end as trained_people_count,
        case
            when r.round_id = $baseline_round_id then draw(e.rk, 61) < 0.02
            else draw(e.rk, 62) < e.business_p
        end as business_started,
        e.health0
        or (r.round_id <> $baseline_round_id and draw(e.rk, 63) < e.health_gain) as health_facility_access,
        e.own_toilet
        or (r.round_id <> $baseline_round_id and draw(e.rk, 64) < e.sanitation_gain) as sanitation_access,
        case
            when r.round_id = $baseline_round_id then e.deaths_rate
            else e.end_deaths_rate
        end as rate,
        draw(e.rk, 65 + r.round_id) as u_deaths
    from endline as e
    cross join plan_round as r
)

select
    household_id,
    round_id,
    observed_on,
    expenditure_rp_per_capita_day,
    -- the observed decile from expenditure against the line: 1 below it, 5 above the register
    1 + len(list_filter([1.0, 1.3, 1.6, 2.0], lambda x: x <= expenditure_rp_per_capita_day / $line)) as welfare_decile,
    head_employed,
    employed_members_count,
    new_jobs_count,
    trained_sector,
    trained_people_count,
    business_started,
    health_facility_access,
    sanitation_access,
    case when u_deaths < exp(-rate) then 0 when u_deaths < exp(-rate) * (1 + rate) then 1 else 2 end as deaths_count
from final

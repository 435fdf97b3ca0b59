-- National-shape demo: the P3KE-style register, generated inside DuckDB (no Python loop per household).
-- plan_desa: one row per desa with its household count and mix; plan_slot: 32 triangles per desa drawn by area, so a
-- dwelling is a uniform point in its desa. The shape follows sinergi.data.demo.households.make_households.
-- privacy: admin-only (a statement of the demo generator, never read by a page)
insert into household
with base as (
    select
        d.*,
        s.seq,
        row_key($seed, d.first_hh + s.seq - 1) as rk
    from plan_desa as d, range(1, d.households + 1) as s(seq)
),

located as (
    select
        b.*,
        t.x0,
        t.y0,
        t.x1,
        t.y1,
        t.x2,
        t.y2
    from base as b
    inner join plan_slot as t
        on t.desa_no = b.desa_no and t.slot = (hdraw(b.rk, 0) % 32)::integer
),

decile as (
    select
        *,
        case
            when draw(rk, 1) < d1 then 1
            when draw(rk, 1) < c2 then 2
            when draw(rk, 1) < c3 then 3
            else 4
        end as welfare_decile,
        draw(rk, 5) as r1,
        draw(rk, 6) as r2
    from located
),

person as (
    select
        *,
        welfare_decile = 1 as is_d1,
        draw(rk, 2) < case when welfare_decile = 1 then 0.24 else 0.16 end as is_female,
        least(greatest(47 + 13 * gauss(rk, 3), 19), 88) as age_years,
        least(greatest(1 + round(
            case when welfare_decile = 1 then 3.4 else 2.9 end
            + sqrt(case when welfare_decile = 1 then 3.4 else 2.9 end) * gauss(rk, 7)
        ), 1), 12)::integer as members,
        case when r1 + r2 > 1 then 1 - r1 else r1 end as s1,
        case when r1 + r2 > 1 then 1 - r2 else r2 end as s2
    from decile
),

household_row as (
    select
        *,
        least(
            (draw(rk, 9) < case when members >= 3 then 0.28 else 0.05 end)::integer
            + (draw(rk, 10) < case when members >= 3 then 0.28 else 0.05 end)::integer,
            members - 1
        ) as children_u5,
        date '2024-07-01' - (age_years * 365.25)::integer as birth_on,
        draw(rk, 11) as u_verify,
        is_d1 and draw(rk, 12) < 0.13 as is_excluded,
        x0 + s1 * (x1 - x0) + s2 * (x2 - x0) as px,
        y0 + s1 * (y1 - y0) + s2 * (y2 - y0) as py
    from person
),

verified as (
    select
        *,
        $valid_p[welfare_decile] as valid_p,
        case
            when u_verify < $valid_p[welfare_decile] then 'valid'
            when u_verify < $valid_p[welfare_decile] + 0.08 then 'tidak_valid'
            when is_d1 and u_verify < $valid_p[welfare_decile] + 0.13 then 'tambahan_musdes'
            else 'belum'
        end as status
    from household_row
)

select
    'P3KE' || desa_nodot || '-' || lpad(seq::varchar, 5, '0') as household_id,
    desa_code,
    kecamatan_code,
    kabupaten_code,
    -- shrunk a little towards the triangle's centre so that rounding keeps the dwelling inside its desa
    round((x0 + x1 + x2) / 3 + 0.99 * (px - (x0 + x1 + x2) / 3), 5) as lon,
    round((y0 + y1 + y2) / 3 + 0.99 * (py - (y0 + y1 + y2) / 3), 5) as lat,
    2024 as updated_year,
    members as members_count,
    children_u5 + (children_u5 > 0)::integer as mothers_children_count,
    case when is_female then any_of($female, hdraw(rk, 13)) else any_of($male, hdraw(rk, 13)) end
    || ' ' || any_of($family, hdraw(rk, 14)) as head_name,
    kecamatan_nodot
    || lpad((day(birth_on) + case when is_female then 40 else 0 end)::varchar, 2, '0')
    || lpad(month(birth_on)::varchar, 2, '0')
    || lpad((year(birth_on) % 100)::varchar, 2, '0')
    || lpad((1 + hdraw(rk, 15) % 9999)::varchar, 4, '0') as head_nik,
    case when is_female then 'PEREMPUAN' else 'LAKI-LAKI' end as head_sex,
    birth_on as head_birth_on,
    pick($occupations, occ_cum, draw(rk, 16)) as head_occupation,
    pick($education, $education_cum[welfare_decile], draw(rk, 17)) as head_education,
    welfare_decile,
    (welfare_decile - 1) * 10 + 1 + (hdraw(rk, 18) % 10)::integer as welfare_percentile,
    is_d1 as is_extreme_poor,
    status as verification_status,
    case
        when status = 'tidak_valid' then any_of($invalid_reasons, hdraw(rk, 19))
        when status = 'tambahan_musdes' then 'diusulkan musyawarah desa'
    end as verification_reason,
    case when status <> 'belum' then date '2024-08-01' + (hdraw(rk, 20) % 150)::integer end as verified_on,
    pick($ownership, $ownership_cum[welfare_decile], draw(rk, 21)) as home_ownership,
    pick($roof, $roof_cum[welfare_decile], draw(rk, 22)) as roof_type,
    pick($wall, $wall_cum[welfare_decile], draw(rk, 23)) as wall_type,
    pick($floor, $floor_cum[welfare_decile], draw(rk, 24)) as floor_type,
    case
        when draw(rk, 25) > pow(electricity, case when is_d1 then 1.6 else 1.0 end) then 'BUKAN LISTRIK'
        else pick($lighting, $lighting_cum, draw(rk, 26))
    end as lighting_source,
    pick($cooking, $cooking_cum[welfare_decile], draw(rk, 27)) as cooking_fuel,
    pick($water, water_cum, draw(rk, 28)) as water_source,
    case
        when draw(rk, 29) < sanitation * case when is_d1 then 0.75 else 0.95 end then 'MILIK SENDIRI'
        when draw(rk, 30) < 0.45 then 'UMUM/BERSAMA'
        else 'KOSONG'
    end as toilet_facility,
    case
        when children_u5 = 0 then 'BUKAN TARGET SASARAN'
        when draw(rk, 31) < case when is_d1 then 0.55 else 0.3 end then 'BERESIKO STUNTING'
        else 'TIDAK BERESIKO STUNTING'
    end as stunting_risk,
    draw(rk, 32) < case when is_d1 then 0.09 else 0.05 end as has_disability_member,
    not is_excluded and draw(rk, 33) < $pkh_p[welfare_decile] as receives_pkh,
    not is_excluded and draw(rk, 34) < $bpnt_p[welfare_decile] as receives_bpnt,
    not is_excluded and draw(rk, 35) < $pbi_p[welfare_decile] as receives_pbi_jkn,
    not is_excluded and draw(rk, 36) < $blt_p[welfare_decile] as receives_blt_dd,
    not is_excluded and draw(rk, 37) < $kur_p[welfare_decile] as receives_kur
from verified

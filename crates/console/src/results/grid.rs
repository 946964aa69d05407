//! What is available where (DescribeAvailableResource's answer: the zones and what each offers) as a
//! grid for each resource type asked about: a row per zone, a column per supported value (instance
//! type, disk category, ...), each cell the value's status and stock category in that zone.

use ecsimg_core::catalogue::Operation;
use leptos::prelude::*;
use serde_json::Value;

#[derive(Debug, Clone, PartialEq)]
pub struct Offer {
    pub status: String,
    pub category: String,
    /// For disks: `20–32768 GiB`.
    pub range: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ZoneRow {
    pub zone: String,
    pub status: String,
    pub category: String,
    /// One per value of the grid, `None` where the zone does not offer it.
    pub cells: Vec<Option<Offer>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResourceGrid {
    /// The resource type (`InstanceType`, `SystemDisk`, ...).
    pub kind: String,
    /// The values, in the order the answer first names them.
    pub values: Vec<String>,
    pub zones: Vec<ZoneRow>,
}

fn text(value: &Value, key: &str) -> String {
    match value.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

fn list<'a>(value: &'a Value, key: &str) -> &'a [Value] {
    value.get(key).and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

/// The answer field (SDK name) of the zones and what each offers.
const ZONES: &str = "availableZones";

/// Whether an operation answers with the zones and what each offers, which the grids show.
pub fn fits(op: &Operation) -> bool {
    op.response.iter().any(|f| f.field() == ZONES)
}

/// The grids of an answer (flat view: `availableZones[].availableResources[].supportedResources[]`).
pub fn grids(answer: &Value) -> Vec<ResourceGrid> {
    let zones = list(answer, ZONES);
    let mut grids: Vec<ResourceGrid> = Vec::new();
    for zone in zones {
        for resource in list(zone, "availableResources") {
            let kind = text(resource, "type");
            let index = match grids.iter().position(|g| g.kind == kind) {
                Some(i) => i,
                None => {
                    grids.push(ResourceGrid { kind: kind.clone(), values: Vec::new(), zones: Vec::new() });
                    grids.len() - 1
                }
            };
            for offer in list(resource, "supportedResources") {
                let value = text(offer, "value");
                if !grids[index].values.contains(&value) {
                    grids[index].values.push(value);
                }
            }
        }
    }
    for grid in &mut grids {
        for zone in zones {
            let offers: Vec<&Value> = list(zone, "availableResources")
                .iter()
                .filter(|r| text(r, "type") == grid.kind)
                .flat_map(|r| list(r, "supportedResources"))
                .collect();
            let cells = grid
                .values
                .iter()
                .map(|v| {
                    offers.iter().find(|o| text(o, "value") == *v).map(|o| {
                        let (min, max, unit) = (text(o, "min"), text(o, "max"), text(o, "unit"));
                        Offer {
                            status: text(o, "status"),
                            category: text(o, "statusCategory"),
                            range: (!min.is_empty() || !max.is_empty())
                                .then(|| format!("{min}–{max} {unit}").trim().to_string()),
                        }
                    })
                })
                .collect();
            grid.zones.push(ZoneRow {
                zone: text(zone, "zoneId"),
                status: text(zone, "status"),
                category: text(zone, "statusCategory"),
                cells,
            });
        }
    }
    grids
}

/// The colour of a stock category.
pub fn category_tone(category: &str) -> &'static str {
    match category {
        "WithStock" => "ok",
        "ClosedWithStock" => "warn",
        "WithoutStock" | "ClosedWithoutStock" => "bad",
        _ => "other",
    }
}

fn status_cell(status: String, category: String, range: Option<String>) -> impl IntoView {
    let tone = category_tone(&category);
    view! {
        <span class=format!("badge tone-{tone}")>{status}</span>
        <span class="category">{category}</span>
        {range.map(|r| view! { <span class="category">{r}</span> })}
    }
}

pub fn grids_view(answer: &Value) -> AnyView {
    let grids = grids(answer);
    if grids.is_empty() {
        return view! { <p class="hint">"Nothing is available for these conditions."</p> }.into_any();
    }
    grids
        .into_iter()
        .map(|grid| {
            let ResourceGrid { kind, values, zones } = grid;
            let caption = format!("{kind}: {} zones × {} values", zones.len(), values.len());
            let label = caption.clone();
            view! {
                <div class="table-wrap grid-wrap" tabindex="0" role="region" aria-label=label>
                    <table class="resource-grid">
                        <caption>{caption}</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Zone"</th>
                                {values.into_iter().map(|v| view! { <th scope="col"><code>{v}</code></th> }).collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            {zones.into_iter().map(|z| view! {
                                <tr>
                                    <th scope="row"><code>{z.zone}</code><br />{status_cell(z.status, z.category, None)}</th>
                                    {z.cells.into_iter().map(|c| match c {
                                        Some(o) => view! { <td>{status_cell(o.status, o.category, o.range)}</td> }.into_any(),
                                        None => view! { <td class="none"><span aria-hidden="true">"—"</span><span class="visually-hidden">"not offered"</span></td> }.into_any(),
                                    }).collect_view()}
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
        })
        .collect_view()
        .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ecsimg_core::catalogue::OPERATIONS;
    use serde_json::json;

    #[test]
    fn the_grids_fit_the_answer_of_what_is_available_where() {
        let fitting: Vec<&str> = OPERATIONS.iter().filter(|op| fits(op)).map(|op| op.name).collect();
        assert_eq!(fitting, ["DescribeAvailableResource"]);
    }

    #[test]
    fn zones_by_values() {
        let answer = json!({"availableZones": [
            {"zoneId": "cn-hangzhou-a", "status": "Available", "statusCategory": "WithStock", "availableResources": [
                {"type": "InstanceType", "supportedResources": [
                    {"value": "ecs.g7.large", "status": "Available", "statusCategory": "WithStock"},
                    {"value": "ecs.c7.xlarge", "status": "SoldOut", "statusCategory": "WithoutStock"}]}]},
            {"zoneId": "cn-hangzhou-b", "status": "Available", "statusCategory": "ClosedWithStock", "availableResources": [
                {"type": "InstanceType", "supportedResources": [
                    {"value": "ecs.g8y.large", "status": "Available", "statusCategory": "WithStock"},
                    {"value": "ecs.g7.large", "status": "Available", "statusCategory": "ClosedWithStock"}]}]}
        ]});
        let grids = grids(&answer);
        assert_eq!(grids.len(), 1);
        let g = &grids[0];
        assert_eq!(g.kind, "InstanceType");
        assert_eq!(g.values, ["ecs.g7.large", "ecs.c7.xlarge", "ecs.g8y.large"]);
        assert_eq!(g.zones.len(), 2);
        assert_eq!(g.zones[0].cells[1].as_ref().unwrap().status, "SoldOut");
        assert_eq!(g.zones[0].cells[2], None);
        assert_eq!(g.zones[1].cells[0].as_ref().unwrap().category, "ClosedWithStock");
        assert_eq!(g.zones[1].category, "ClosedWithStock");
    }

    #[test]
    fn disk_ranges_and_tones() {
        let answer = json!({"availableZones": [{"zoneId": "z", "availableResources": [
            {"type": "SystemDisk", "supportedResources": [{"value": "cloud_essd", "status": "Available",
                "statusCategory": "WithStock", "min": 20, "max": 2048, "unit": "GiB"}]}]}]});
        let g = &grids(&answer)[0];
        assert_eq!(g.zones[0].cells[0].as_ref().unwrap().range.as_deref(), Some("20–2048 GiB"));
        assert!(grids(&json!({})).is_empty());
        assert_eq!(category_tone("WithStock"), "ok");
        assert_eq!(category_tone("ClosedWithoutStock"), "bad");
    }
}

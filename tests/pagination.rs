//! Cursor pagination over 1 234 records: forward and back, no duplicate and no gap, also while
//! records are being edited.

mod common;

use common::{empty, start};
use runtype_tui::api::{Client, Direction, ListQuery, Page, RecordUpdate};
use std::collections::HashSet;

async fn page(c: &Client, cursor: Option<String>, direction: Option<Direction>) -> Page {
    let q = ListQuery {
        limit: Some(100),
        cursor,
        direction,
        include_count: true,
        ..ListQuery::default()
    };
    c.list_records(&q).await.expect("page")
}

/// Walks forward to the end, then back to the start, returning ids in visiting order.
async fn walk(c: &Client, edit_each_page: bool) -> (Vec<String>, Vec<String>) {
    let mut forward = Vec::new();
    let mut p = page(c, None, None).await;
    assert!(!p.pagination.has_prev);
    loop {
        if edit_each_page {
            // Touch a record on this page and one further on: order must not move.
            for r in p.records.iter().take(1) {
                let upd = RecordUpdate {
                    name: Some(format!("{} (edited)", r.name)),
                    ..Default::default()
                };
                c.update_record(&r.id, &upd)
                    .await
                    .expect("edit during walk");
            }
        }
        forward.extend(p.records.iter().map(|r| r.id.clone()));
        match p.pagination.next_cursor.clone() {
            Some(cur) if p.pagination.has_more => {
                p = page(c, Some(cur), Some(Direction::Next)).await
            }
            _ => break,
        }
    }
    let mut backward = Vec::new();
    loop {
        backward.splice(0..0, p.records.iter().map(|r| r.id.clone()));
        match p.pagination.prev_cursor.clone() {
            Some(cur) if p.pagination.has_prev => {
                p = page(c, Some(cur), Some(Direction::Prev)).await
            }
            _ => break,
        }
    }
    (forward, backward)
}

#[tokio::test]
async fn walking_1234_records_visits_each_once_both_ways() {
    let (sb, c) = start(empty()).await;
    sb.generate(1234).expect("generate");
    let first = page(&c, None, None).await;
    assert_eq!(first.pagination.total_count, Some(1234));
    assert_eq!(first.pagination.total_pages, Some(13));
    assert_eq!(first.pagination.limit, 100);

    let (forward, backward) = walk(&c, false).await;
    assert_eq!(forward.len(), 1234);
    assert_eq!(
        forward.iter().collect::<HashSet<_>>().len(),
        1234,
        "no duplicates"
    );
    assert_eq!(
        backward, forward,
        "walking back visits the same records in the same order"
    );
}

#[tokio::test]
async fn walks_stay_stable_while_records_are_edited() {
    let (sb, c) = start(empty()).await;
    sb.generate(450).expect("generate");
    let (forward, backward) = walk(&c, true).await;
    assert_eq!(forward.len(), 450);
    assert_eq!(forward.iter().collect::<HashSet<_>>().len(), 450);
    assert_eq!(backward, forward);
}

#[tokio::test]
async fn offsets_and_limits() {
    let (sb, c) = start(empty()).await;
    sb.generate(250).expect("generate");
    let p1 = page(&c, None, None).await;
    let p2 = page(&c, p1.pagination.next_cursor.clone(), Some(Direction::Next)).await;
    assert_eq!(
        (p2.pagination.current_offset, p2.pagination.current_page),
        (100, Some(2))
    );
    let p3 = page(&c, p2.pagination.next_cursor.clone(), None).await;
    assert_eq!(p3.records.len(), 50);
    assert!(!p3.pagination.has_more && p3.pagination.next_cursor.is_none());
    let back = page(&c, p3.pagination.prev_cursor.clone(), Some(Direction::Prev)).await;
    assert_eq!(back.pagination.current_offset, 100);
    assert_eq!(
        back.records.first().map(|r| &r.id),
        p2.records.first().map(|r| &r.id)
    );

    let default = c
        .list_records(&ListQuery::default())
        .await
        .expect("default limit");
    assert_eq!(default.records.len(), 50);
    let clamped = c
        .list_records(&ListQuery {
            limit: Some(1000),
            ..ListQuery::default()
        })
        .await
        .expect("clamped");
    assert_eq!(clamped.records.len(), 100);
    let zero = c
        .list_records(&ListQuery {
            limit: Some(0),
            ..ListQuery::default()
        })
        .await
        .expect_err("limit 0");
    assert_eq!(zero.status(), Some(400));
}

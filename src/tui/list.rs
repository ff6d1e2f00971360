//! A registry table that stays instant at 10,000+ rows: only the visible rows are built for
//! drawing; search filters and sort reorder an index vector over the shared listing. The cursor
//! follows its record (by id) across refreshes, searches and sorts.

use super::theme::Theme;
use crate::domain::search::Query;
use crate::service::hub::Listing;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Cell, Row, Table};
use std::sync::Arc;

/// State of one table view.
#[derive(Debug, Default)]
pub struct ListView {
    pub listing: Arc<Listing>,
    /// Indices into `listing.rows`, filtered and sorted.
    view: Vec<usize>,
    cursor: usize,
    offset: usize,
    /// Sort column and descending flag.
    sort: Option<(usize, bool)>,
    pub query: String,
    /// Column filters: (column, value) pairs that must all match.
    filters: Vec<(usize, String)>,
    /// Rows visible at the last draw (for paging).
    page: usize,
}

impl ListView {
    /// Replaces the data, keeping the cursor on the same record where it still exists.
    pub fn set_listing(&mut self, listing: Arc<Listing>) {
        let keep = self.selected_id();
        self.listing = listing;
        self.rebuild(keep);
    }

    /// Applies the search query and sort, then puts the cursor on `keep` if shown.
    fn rebuild(&mut self, keep: Option<i64>) {
        let q = Query::new(&self.query);
        let rows = &self.listing.rows;
        let filters = &self.filters;
        self.view = (0..rows.len())
            .filter(|&i| {
                rows[i].key.matches(&q)
                    && filters
                        .iter()
                        .all(|(c, v)| rows[i].cells.get(*c) == Some(v))
            })
            .collect();
        if let Some((col, desc)) = self.sort {
            self.view.sort_by(|&a, &b| {
                let (x, y) = (rows[a].cells.get(col), rows[b].cells.get(col));
                let o = x.cmp(&y).then(rows[a].id.cmp(&rows[b].id));
                if desc { o.reverse() } else { o }
            });
        }
        self.cursor = keep
            .and_then(|id| self.view.iter().position(|&i| rows[i].id == id))
            .unwrap_or(0)
            .min(self.view.len().saturating_sub(1));
    }

    pub fn selected_id(&self) -> Option<i64> {
        self.view
            .get(self.cursor)
            .and_then(|&i| self.listing.rows.get(i))
            .map(|r| r.id)
    }

    /// Puts the cursor on a record, clearing a search that hides it.
    pub fn select_id(&mut self, id: i64) {
        if !self.view.iter().any(|&i| self.listing.rows[i].id == id) {
            self.query.clear();
        }
        self.rebuild(Some(id));
    }

    /// The display cells of the selected row.
    pub fn selected_cells(&self) -> Option<&Vec<String>> {
        self.view
            .get(self.cursor)
            .and_then(|&i| self.listing.rows.get(i))
            .map(|r| &r.cells)
    }

    pub fn shown(&self) -> usize {
        self.view.len()
    }

    /// Whether a search or filter hides some rows.
    pub fn narrowed(&self) -> bool {
        !self.query.is_empty() || !self.filters.is_empty()
    }

    /// The ids of the rows shown, in the order shown.
    pub fn shown_ids(&self) -> Vec<i64> {
        self.view.iter().map(|&i| self.listing.rows[i].id).collect()
    }

    /// The display cells of the rows shown, in the order shown.
    pub fn shown_cells(&self) -> impl Iterator<Item = &Vec<String>> {
        self.view.iter().map(|&i| &self.listing.rows[i].cells)
    }

    pub fn set_query(&mut self, q: String) {
        let keep = self.selected_id();
        self.query = q;
        self.rebuild(keep);
    }

    /// The distinct values of a column with their counts (over all rows), for the filter popup.
    pub fn values(&self, col: usize) -> Vec<(String, usize)> {
        let mut m: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
        for r in &self.listing.rows {
            if let Some(v) = r.cells.get(col) {
                *m.entry(v.as_str()).or_default() += 1;
            }
        }
        m.into_iter().map(|(v, n)| (v.to_string(), n)).collect()
    }

    /// Sets (or, with `None`, clears) the filter on a column.
    pub fn filter(&mut self, col: usize, value: Option<String>) {
        let keep = self.selected_id();
        self.filters.retain(|(c, _)| *c != col);
        if let Some(v) = value {
            self.filters.push((col, v));
        }
        self.rebuild(keep);
    }

    pub fn filters(&self) -> &[(usize, String)] {
        &self.filters
    }

    /// Sorts by `col`; the same column again reverses.
    pub fn sort_by(&mut self, col: usize) {
        let keep = self.selected_id();
        self.sort = match self.sort {
            Some((c, desc)) if c == col => Some((c, !desc)),
            _ => Some((col, false)),
        };
        self.rebuild(keep);
    }

    pub fn sort_state(&self) -> Option<(usize, bool)> {
        self.sort
    }

    /// Moves the cursor by `delta` rows, clamped.
    pub fn step(&mut self, delta: isize) {
        let max = self.view.len().saturating_sub(1) as isize;
        self.cursor = (self.cursor as isize + delta).clamp(0, max.max(0)) as usize;
    }

    pub fn page_step(&mut self, pages: isize) {
        self.step(pages * self.page.max(1) as isize);
    }

    pub fn to_top(&mut self) {
        self.cursor = 0;
    }

    pub fn to_bottom(&mut self) {
        self.cursor = self.view.len().saturating_sub(1);
    }

    /// Draws the visible window of the table.
    pub fn render(
        &mut self,
        f: &mut Frame,
        area: Rect,
        theme: Theme,
        title: Line<'_>,
        empty: &str,
    ) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_set(theme.border())
            .title(title);
        let inner_h = area.height.saturating_sub(3) as usize; // borders and header
        self.page = inner_h.max(1);
        // Past an edge the window jumps by half a page rather than one row: most cursor moves
        // then redraw two rows instead of the whole table (bytes matter over SSH).
        if self.cursor < self.offset {
            self.offset = self.cursor.saturating_sub(self.page / 2);
        } else if self.cursor >= self.offset + self.page {
            self.offset = (self.cursor + 1 + self.page / 2).saturating_sub(self.page);
        }
        self.offset = self.offset.min(self.view.len().saturating_sub(self.page));
        let rows = &self.listing.rows;
        let spacing = self.listing.columns.len() as u16 + 1;
        let avail = area.width.saturating_sub(2 + 1 + spacing);
        let widths = fit_widths(&self.listing, avail);
        let visible = self
            .view
            .iter()
            .enumerate()
            .skip(self.offset)
            .take(self.page)
            .map(|(n, &i)| {
                let selected = n == self.cursor;
                let mark = if selected { theme.mark() } else { " " };
                let cells = (rows[i].cells.iter().zip(&widths))
                    .map(|(c, w)| Cell::from(clip(c, usize::from(*w))));
                let row = Row::new(std::iter::once(Cell::from(mark)).chain(cells));
                if selected {
                    row.style(theme.selected())
                } else {
                    row
                }
            });
        let header = Row::new(std::iter::once(Cell::from(" ")).chain(
            self.listing.columns.iter().enumerate().map(|(i, c)| {
                let arrow = match self.sort {
                    Some((s, false)) if s == i => " ↑",
                    Some((s, true)) if s == i => " ↓",
                    _ => "",
                };
                Cell::from(format!("{}{arrow}", c.title))
            }),
        ))
        .style(theme.header());
        let widths = std::iter::once(Constraint::Length(1))
            .chain(widths.iter().map(|w| Constraint::Length(*w)));
        let table = Table::new(visible, widths)
            .header(header)
            .block(block)
            .column_spacing(1);
        f.render_widget(table, area);
        if self.view.is_empty() && area.height > 4 {
            let r = Rect {
                x: area.x + 2,
                y: area.y + 2,
                width: area.width.saturating_sub(4),
                height: area.height.saturating_sub(3).min(4),
            };
            let p = ratatui::widgets::Paragraph::new(empty.to_string())
                .style(theme.dim())
                .wrap(ratatui::widgets::Wrap { trim: true });
            f.render_widget(p, r);
        }
    }
}

/// Each column as wide as its content (measured once per listing); when they do not all fit,
/// the widest give way first, none below its declared width (or 8 cells), and the main column (the one
/// declared flexible, width 0: the name) last; room left over goes to it, so the table spans
/// the screen.
fn fit_widths(l: &Listing, avail: u16) -> Vec<u16> {
    let n = l.columns.len();
    let mut w: Vec<u16> = (0..n)
        .map(|i| match l.natural.get(i) {
            Some(&w) => w,
            None => l.columns[i].width.max(8),
        })
        .collect();
    // A declared width is the least a column keeps (a code is never cut); others keep 8.
    let floor: Vec<u16> = (0..n)
        .map(|i| match l.columns[i].width {
            0 => w[i].min(8),
            d => w[i].min(d),
        })
        .collect();
    let flexible = l.columns.iter().position(|c| c.width == 0);
    let mut total: u16 = w.iter().sum();
    while total > avail {
        let shrinkable = |i: &usize| w[*i] > floor[*i];
        let others = (0..n).filter(|i| Some(*i) != flexible).filter(shrinkable);
        let widest = others.max_by_key(|&i| (w[i], i));
        let Some(i) = widest.or(flexible.filter(shrinkable)) else {
            break;
        };
        w[i] -= 1;
        total -= 1;
    }
    if total < avail
        && let Some(i) = flexible.or(n.checked_sub(1))
    {
        w[i] += avail - total;
    }
    w
}

/// `s` cut to `w` terminal cells, ending with `…` when it was longer.
pub(crate) fn clip(s: &str, w: usize) -> String {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    if s.width() <= w {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw + 1 > w {
            break;
        }
        out.push(c);
        used += cw;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::search::SearchKey;
    use crate::service::hub::{Column, Row as LRow};

    fn listing(names: &[&str]) -> Arc<Listing> {
        let columns = vec![Column {
            title: "名称".into(),
            width: 0,
        }];
        let rows = (names.iter().enumerate())
            .map(|(i, n)| LRow {
                id: i as i64 + 1,
                cells: vec![n.to_string()],
                key: SearchKey::new(n, &[]),
            })
            .collect();
        Arc::new(Listing::new(columns, rows))
    }

    #[test]
    fn columns_fit_their_content_and_cut_values_end_with_an_ellipsis() {
        let columns = vec![
            Column {
                title: "名称".into(),
                width: 0,
            },
            Column {
                title: "人员".into(),
                width: 14,
            },
        ];
        let row = |id, a: &str, b: &str| LRow {
            id,
            cells: vec![a.into(), b.into()],
            key: SearchKey::new(a, &[]),
        };
        let rows = vec![
            row(1, "唐山", "黄志强(13023000101)、李明(13023000102)"),
            row(2, "唐山钢铁有限公司", "王(1)"),
        ];
        let l = Listing::new(columns, rows);
        assert_eq!(l.natural, vec![16, 38]);
        // Room for both: each as wide as its content, the rest to the flexible one.
        assert_eq!(fit_widths(&l, 60), vec![22, 38]);
        // Too narrow: the others give way before the main (flexible) column.
        assert_eq!(fit_widths(&l, 40), vec![16, 24]);
        assert_eq!(fit_widths(&l, 22), vec![8, 14]);
        assert_eq!(clip("黄志强(13023000101)", 10), "黄志强(13…");
        assert_eq!(clip("唐山", 4), "唐山");
    }

    #[test]
    fn cursor_follows_record_across_search_sort_and_refresh() {
        let mut v = ListView::default();
        v.set_listing(listing(&["唐山钢铁", "北京机械", "唐山陶瓷"]));
        v.step(2);
        assert_eq!(v.selected_id(), Some(3));
        v.set_query("ts".into());
        assert_eq!((v.shown(), v.selected_id()), (2, Some(3)));
        v.sort_by(0);
        v.sort_by(0);
        assert_eq!(v.selected_id(), Some(3));
        v.set_listing(listing(&["唐山钢铁", "北京机械", "唐山陶瓷", "唐山新材"]));
        assert_eq!((v.shown(), v.selected_id()), (3, Some(3)));
        v.filter(0, Some("唐山陶瓷".into()));
        assert_eq!((v.shown(), v.selected_id()), (1, Some(3)));
        v.filter(0, None);
        assert_eq!(v.shown(), 3);
        v.step(-10);
        v.to_bottom();
        v.step(5);
        assert_eq!(v.shown(), 3);
    }
}

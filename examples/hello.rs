//! The floor for "start to first frame": the smallest ratatui program that
//! draws a frame (alternate screen, raw mode), then waits for `q`.

use ratatui::crossterm::event::{self, Event, KeyCode};
use ratatui::widgets::Paragraph;

fn main() -> std::io::Result<()> {
    let mut terminal = ratatui::init();
    terminal.draw(|f| f.render_widget(Paragraph::new("hello"), f.area()))?;
    loop {
        if let Event::Key(k) = event::read()?
            && k.code == KeyCode::Char('q')
        {
            break;
        }
    }
    ratatui::restore();
    Ok(())
}

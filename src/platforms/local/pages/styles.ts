/**
 * The playground's one stylesheet. Sizes in rem and columns that wrap, so the page reflows at 200%
 * zoom instead of scrolling sideways; colours at a contrast of at least 4.5:1; a visible focus ring
 * on everything that takes the keyboard.
 */
export const PLAYGROUND_CSS = `
*, *::before, *::after { box-sizing: border-box; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; line-height: 1.5; color: #1a1a1a; background: #fff; }
body { margin: 0 auto; max-width: 72rem; padding: 0 1rem 3rem; }
a { color: #0b4f9c; }
a:hover { color: #062f5e; }
:focus-visible { outline: 3px solid #0b4f9c; outline-offset: 2px; }
.skip { position: absolute; left: -100rem; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: 0.5rem; z-index: 1; }
header.site { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; justify-content: space-between; border-bottom: 1px solid #767676; padding: 1rem 0; }
.brand { font-weight: 700; font-size: 1.25rem; margin: 0; }
.clock { flex: 1 1 28rem; }
.clock h2 { font-size: 1rem; margin: 0; }
.clock p { margin: 0.25rem 0; }
.steps { display: flex; flex-wrap: wrap; gap: 0.5rem; }
.steps form { margin: 0; }
button { font: inherit; padding: 0.4rem 0.9rem; border: 1px solid #1a1a1a; border-radius: 0.3rem; background: #f2f2f2; color: #1a1a1a; cursor: pointer; }
button.primary { background: #0b4f9c; border-color: #0b4f9c; color: #fff; }
button.danger { background: #fff; border-color: #a4141b; color: #a4141b; }
input, select, textarea { font: inherit; padding: 0.35rem 0.5rem; border: 1px solid #595959; border-radius: 0.25rem; max-width: 100%; }
input[aria-invalid="true"], select[aria-invalid="true"], textarea[aria-invalid="true"] { border: 2px solid #a4141b; }
.columns { display: flex; flex-wrap: wrap; gap: 2rem; }
.columns > section { flex: 1 1 24rem; min-width: 0; }
.muted { color: #555; }
.error { color: #a4141b; font-weight: 600; }
.success { color: #1b6b2a; }
.badge { display: inline-block; font-size: 0.875rem; padding: 0 0.4rem; border-radius: 1rem; background: #e8eef7; color: #0b3a75; }
.people ul, .messages, .exchanges { list-style: none; padding: 0; }
.people li { margin: 0.2rem 0; }
.messages > li, .exchanges > li { border: 1px solid #c4c4c4; border-radius: 0.4rem; padding: 0.5rem 0.9rem; margin: 0 0 1rem; }
.when, .said { margin: 0 0 0.25rem; font-size: 0.9rem; }
.said .who { font-weight: 700; }
.command label { display: block; font-weight: 600; }
.command-row { display: flex; flex-wrap: wrap; gap: 0.5rem; }
.command-row input { flex: 1 1 16rem; }
.open-form { border: 2px solid #0b4f9c; border-radius: 0.5rem; padding: 0.5rem 1rem; margin: 1rem 0; }
.reply h2 { font-size: 1.15rem; }
.reply h3 { font-size: 1rem; }
.reply table { border-collapse: collapse; max-width: 100%; display: block; overflow-x: auto; }
.reply th, .reply td { border: 1px solid #c4c4c4; padding: 0.2rem 0.5rem; text-align: left; }
.reply img { max-width: 100%; height: auto; }
.reply svg { max-width: 100%; height: auto; }
.reply dl { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: 0.2rem 1rem; }
.reply dt { font-weight: 600; }
.reply dd { margin: 0; }
.reply form { margin: 0.5rem 0; }
.reply label { display: block; font-weight: 600; margin-top: 0.6rem; }
.reply .input-checkbox { margin-top: 0.6rem; }
.reply .input-checkbox label { display: inline; margin-left: 0.4rem; }
.reply textarea { width: 100%; max-width: 40rem; min-height: 4.5rem; }
.reply form > button { margin-top: 0.8rem; }
.reply .required { color: #a4141b; }
.reply .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; }
.reply .actions form { margin: 0; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

const re = /[/}]+/g; const d = a / b / c; const t = `a ${ `b ${ {x: 1}.x }` } c`; // } comment

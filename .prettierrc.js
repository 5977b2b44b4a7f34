// Formatting for the whole tree (`npm run format`; `npm run lint` checks it): tabs, print width 100,
// the settings of n8n's community node starter.
module.exports = {
	semi: true,
	trailingComma: 'all',
	bracketSpacing: true,
	useTabs: true,
	tabWidth: 2,
	arrowParens: 'always',
	singleQuote: true,
	quoteProps: 'as-needed',
	endOfLine: 'lf',
	printWidth: 100,
};

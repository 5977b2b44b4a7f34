// Copies what tsc does not emit into dist/: icons and codex (.node.json) files.
const { src, dest, parallel } = require('gulp');
const fs = require('fs');

function copyIcons() {
	return src('icons/**/*.{png,svg}', { encoding: false }).pipe(dest('dist/icons'));
}

function copyNodeAssets() {
	return src('nodes/**/*.{png,svg,node.json}', { encoding: false }).pipe(dest('dist/nodes'));
}

function copyCredentialAssets(done) {
	if (
		!fs.existsSync('credentials') ||
		!fs.readdirSync('credentials').some((f) => /\.(png|svg)$/.test(f))
	) {
		return done();
	}
	return src('credentials/**/*.{png,svg}', { encoding: false }).pipe(dest('dist/credentials'));
}

function clean(done) {
	fs.rmSync('dist', { recursive: true, force: true });
	done();
}

exports.build = parallel(copyIcons, copyNodeAssets, copyCredentialAssets);
exports.clean = clean;

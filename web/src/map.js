// The world map: countries filled by a value, drawn as SVG with d3-geo from
// Natural Earth's 1:110m countries (world-atlas, bundled: nothing is fetched
// at run time). Countries are named by ISO 3166-1 alpha-2 codes, as the
// charts' regions are ("kr", "us"); every country carries its English name
// (a <title> shown on hover, and data-name for tests). Countries too small
// for the 1:110m outlines (Hong Kong, Singapore, Andorra...) are drawn as a
// dot where they are. It is not an interactive map: no zoom, no pan.
import { geoEqualEarth, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import world from 'world-atlas/countries-110m.json';
import { h } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';

/**
 * ISO 3166-1: alpha-2 code to [numeric code, English short name], from
 * Debian's iso-codes (iso_3166-1.json), common names where it has them.
 */
const ISO = {
  aw:[533,"Aruba"], af:[4,"Afghanistan"], ao:[24,"Angola"], ai:[660,"Anguilla"], ax:[248,"Åland Islands"],
  al:[8,"Albania"], ad:[20,"Andorra"], ae:[784,"United Arab Emirates"], ar:[32,"Argentina"],
  am:[51,"Armenia"], as:[16,"American Samoa"], aq:[10,"Antarctica"], tf:[260,"French Southern Territories"],
  ag:[28,"Antigua and Barbuda"], au:[36,"Australia"], at:[40,"Austria"], az:[31,"Azerbaijan"],
  bi:[108,"Burundi"], be:[56,"Belgium"], bj:[204,"Benin"], bq:[535,"Bonaire, Sint Eustatius and Saba"],
  bf:[854,"Burkina Faso"], bd:[50,"Bangladesh"], bg:[100,"Bulgaria"], bh:[48,"Bahrain"], bs:[44,"Bahamas"],
  ba:[70,"Bosnia and Herzegovina"], bl:[652,"Saint Barthélemy"], by:[112,"Belarus"], bz:[84,"Belize"],
  bm:[60,"Bermuda"], bo:[68,"Bolivia"], br:[76,"Brazil"], bb:[52,"Barbados"], bn:[96,"Brunei"],
  bt:[64,"Bhutan"], bv:[74,"Bouvet Island"], bw:[72,"Botswana"], cf:[140,"Central African Republic"],
  ca:[124,"Canada"], cc:[166,"Cocos (Keeling) Islands"], ch:[756,"Switzerland"], cl:[152,"Chile"],
  cn:[156,"China"], ci:[384,"Côte d'Ivoire"], cm:[120,"Cameroon"], cd:[180,"DR Congo"], cg:[178,"Congo"],
  ck:[184,"Cook Islands"], co:[170,"Colombia"], km:[174,"Comoros"], cv:[132,"Cabo Verde"],
  cr:[188,"Costa Rica"], cu:[192,"Cuba"], cw:[531,"Curaçao"], cx:[162,"Christmas Island"],
  ky:[136,"Cayman Islands"], cy:[196,"Cyprus"], cz:[203,"Czechia"], de:[276,"Germany"], dj:[262,"Djibouti"],
  dm:[212,"Dominica"], dk:[208,"Denmark"], do:[214,"Dominican Republic"], dz:[12,"Algeria"],
  ec:[218,"Ecuador"], eg:[818,"Egypt"], er:[232,"Eritrea"], eh:[732,"Western Sahara"], es:[724,"Spain"],
  ee:[233,"Estonia"], et:[231,"Ethiopia"], fi:[246,"Finland"], fj:[242,"Fiji"],
  fk:[238,"Falkland Islands (Malvinas)"], fr:[250,"France"], fo:[234,"Faroe Islands"], fm:[583,"Micronesia"],
  ga:[266,"Gabon"], gb:[826,"United Kingdom"], ge:[268,"Georgia"], gg:[831,"Guernsey"], gh:[288,"Ghana"],
  gi:[292,"Gibraltar"], gn:[324,"Guinea"], gp:[312,"Guadeloupe"], gm:[270,"Gambia"],
  gw:[624,"Guinea-Bissau"], gq:[226,"Equatorial Guinea"], gr:[300,"Greece"], gd:[308,"Grenada"],
  gl:[304,"Greenland"], gt:[320,"Guatemala"], gf:[254,"French Guiana"], gu:[316,"Guam"], gy:[328,"Guyana"],
  hk:[344,"Hong Kong"], hm:[334,"Heard Island and McDonald Islands"], hn:[340,"Honduras"],
  hr:[191,"Croatia"], ht:[332,"Haiti"], hu:[348,"Hungary"], id:[360,"Indonesia"], im:[833,"Isle of Man"],
  in:[356,"India"], io:[86,"British Indian Ocean Territory"], ie:[372,"Ireland"], ir:[364,"Iran"],
  iq:[368,"Iraq"], is:[352,"Iceland"], il:[376,"Israel"], it:[380,"Italy"], jm:[388,"Jamaica"],
  je:[832,"Jersey"], jo:[400,"Jordan"], jp:[392,"Japan"], kz:[398,"Kazakhstan"], ke:[404,"Kenya"],
  kg:[417,"Kyrgyzstan"], kh:[116,"Cambodia"], ki:[296,"Kiribati"], kn:[659,"Saint Kitts and Nevis"],
  kr:[410,"South Korea"], kw:[414,"Kuwait"], la:[418,"Laos"], lb:[422,"Lebanon"], lr:[430,"Liberia"],
  ly:[434,"Libya"], lc:[662,"Saint Lucia"], li:[438,"Liechtenstein"], lk:[144,"Sri Lanka"],
  ls:[426,"Lesotho"], lt:[440,"Lithuania"], lu:[442,"Luxembourg"], lv:[428,"Latvia"], mo:[446,"Macao"],
  mf:[663,"Saint Martin (French part)"], ma:[504,"Morocco"], mc:[492,"Monaco"], md:[498,"Moldova"],
  mg:[450,"Madagascar"], mv:[462,"Maldives"], mx:[484,"Mexico"], mh:[584,"Marshall Islands"],
  mk:[807,"North Macedonia"], ml:[466,"Mali"], mt:[470,"Malta"], mm:[104,"Myanmar"], me:[499,"Montenegro"],
  mn:[496,"Mongolia"], mp:[580,"Northern Mariana Islands"], mz:[508,"Mozambique"], mr:[478,"Mauritania"],
  ms:[500,"Montserrat"], mq:[474,"Martinique"], mu:[480,"Mauritius"], mw:[454,"Malawi"], my:[458,"Malaysia"],
  yt:[175,"Mayotte"], na:[516,"Namibia"], nc:[540,"New Caledonia"], ne:[562,"Niger"],
  nf:[574,"Norfolk Island"], ng:[566,"Nigeria"], ni:[558,"Nicaragua"], nu:[570,"Niue"],
  nl:[528,"Netherlands"], no:[578,"Norway"], np:[524,"Nepal"], nr:[520,"Nauru"], nz:[554,"New Zealand"],
  om:[512,"Oman"], pk:[586,"Pakistan"], pa:[591,"Panama"], pn:[612,"Pitcairn"], pe:[604,"Peru"],
  ph:[608,"Philippines"], pw:[585,"Palau"], pg:[598,"Papua New Guinea"], pl:[616,"Poland"],
  pr:[630,"Puerto Rico"], kp:[408,"North Korea"], pt:[620,"Portugal"], py:[600,"Paraguay"],
  ps:[275,"Palestine"], pf:[258,"French Polynesia"], qa:[634,"Qatar"], re:[638,"Réunion"],
  ro:[642,"Romania"], ru:[643,"Russia"], rw:[646,"Rwanda"], sa:[682,"Saudi Arabia"], sd:[729,"Sudan"],
  sn:[686,"Senegal"], sg:[702,"Singapore"], gs:[239,"South Georgia and the South Sandwich Islands"],
  sh:[654,"Saint Helena, Ascension and Tristan da Cunha"], sj:[744,"Svalbard and Jan Mayen"],
  sb:[90,"Solomon Islands"], sl:[694,"Sierra Leone"], sv:[222,"El Salvador"], sm:[674,"San Marino"],
  so:[706,"Somalia"], pm:[666,"Saint Pierre and Miquelon"], rs:[688,"Serbia"], ss:[728,"South Sudan"],
  st:[678,"Sao Tome and Principe"], sr:[740,"Suriname"], sk:[703,"Slovakia"], si:[705,"Slovenia"],
  se:[752,"Sweden"], sz:[748,"Eswatini"], sx:[534,"Sint Maarten (Dutch part)"], sc:[690,"Seychelles"],
  sy:[760,"Syria"], tc:[796,"Turks and Caicos Islands"], td:[148,"Chad"], tg:[768,"Togo"],
  th:[764,"Thailand"], tj:[762,"Tajikistan"], tk:[772,"Tokelau"], tm:[795,"Turkmenistan"],
  tl:[626,"Timor-Leste"], to:[776,"Tonga"], tt:[780,"Trinidad and Tobago"], tn:[788,"Tunisia"],
  tr:[792,"Türkiye"], tv:[798,"Tuvalu"], tw:[158,"Taiwan"], tz:[834,"Tanzania"], ug:[800,"Uganda"],
  ua:[804,"Ukraine"], um:[581,"United States Minor Outlying Islands"], uy:[858,"Uruguay"],
  us:[840,"United States"], uz:[860,"Uzbekistan"], va:[336,"Vatican City"],
  vc:[670,"Saint Vincent and the Grenadines"], ve:[862,"Venezuela"], vg:[92,"Virgin Islands, British"],
  vi:[850,"Virgin Islands, U.S."], vn:[704,"Vietnam"], vu:[548,"Vanuatu"], wf:[876,"Wallis and Futuna"],
  ws:[882,"Samoa"], ye:[887,"Yemen"], za:[710,"South Africa"], zm:[894,"Zambia"], zw:[716,"Zimbabwe"],
};

/** Where the countries missing from the 1:110m outlines are: [lon, lat]. */
const DOTS = {
  ad: [1.52, 42.51], ag: [-61.8, 17.07], bb: [-59.54, 13.19], bh: [50.56, 26.07], dm: [-61.37, 15.41],
  gd: [-61.68, 12.12], hk: [114.17, 22.32], kn: [-62.75, 17.34], lc: [-60.98, 13.91], li: [9.55, 47.16],
  mc: [7.42, 43.74], mo: [113.54, 22.2], mt: [14.4, 35.92], mu: [57.55, -20.35], mv: [73.5, 4.18],
  sg: [103.82, 1.35], sm: [12.46, 43.94], st: [6.61, 0.19], va: [12.45, 41.9], vc: [-61.2, 13.25],
  ws: [-172.1, -13.76], to: [-175.2, -21.18], ki: [173.0, 1.42], pf: [-149.4, -17.65], sc: [55.45, -4.68],
  cv: [-23.6, 15.1], km: [43.87, -11.87], gu: [144.79, 13.44], re: [55.53, -21.12], gp: [-61.55, 16.25],
  mq: [-61.02, 14.64], aw: [-69.97, 12.52], cw: [-68.99, 12.17],
};

const byNumeric = new Map(Object.entries(ISO).map(([cc, [n]]) => [n, cc]));
const countries = feature(world, world.objects.countries).features.filter((f) => f.id !== '010');

/** A country's English name from its alpha-2 code (any case); the code itself if unknown. */
export function countryName(cc) {
  const entry = ISO[String(cc).toLowerCase()];
  return entry ? entry[1] : String(cc).toUpperCase();
}

function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs || {})) if (value !== null && value !== undefined) el.setAttribute(key, String(value));
  for (const child of children) if (child) el.append(child);
  return el;
}

/**
 * Draws a world map into `el` (emptied first) and returns the <svg>.
 * `values` maps alpha-2 codes (any case) to a value (a number, or anything
 * truthy); a country with a value is filled with `opts.fill(value, cc)`
 * (default: one accent colour) and gets class "filled". `opts.title(cc,
 * name, value)` is the hover text (default: the name, and the value when it
 * is a number); `opts.width` the width in px (default: el's width, at least
 * 280); `opts.land` and `opts.border` the colours of an unfilled country and
 * of the borders. Every country path has data-cc and data-name; codes the map cannot
 * place are listed in the svg's data-unplaced (comma-separated).
 */
export function drawWorldMap(el, values, opts = {}) {
  const want = new Map(Object.entries(values || {}).map(([cc, v]) => [cc.toLowerCase(), v]));
  const fill = opts.fill || (() => opts.color || '#1f5fbf');
  const title =
    opts.title || ((cc, name, v) => (typeof v === 'number' ? `${name}: ${v.toLocaleString('en-US')}` : name));
  const width = Math.max(280, Math.round(opts.width || el.clientWidth || 640));
  const height = Math.round(width * 0.49);
  const projection = geoEqualEarth().fitExtent(
    [
      [4, 4],
      [width - 4, height - 4],
    ],
    { type: 'FeatureCollection', features: countries },
  );
  const path = geoPath(projection);
  const root = svg('svg', {
    viewBox: `0 0 ${width} ${height}`,
    width: '100%',
    role: 'img',
    class: 'world-map',
    'aria-label': opts.label || 'World map',
    'data-testid': opts.testid || 'world-map',
  });
  const placed = new Set();
  const paint = (node, cc) => {
    const name = countryName(cc);
    node.setAttribute('data-cc', cc);
    node.setAttribute('data-name', name);
    const value = want.get(cc);
    if (value !== undefined && value !== null && value !== false) {
      node.setAttribute('class', 'country filled');
      node.setAttribute('fill', fill(value, cc));
      node.append(svg('title', null, document.createTextNode(title(cc, name, value))));
    } else {
      node.setAttribute('class', 'country');
      node.setAttribute('fill', opts.land || '#dfe3e8');
      node.append(svg('title', null, document.createTextNode(name)));
    }
    placed.add(cc);
  };
  // Borders: a thin line in the page's colour between countries.
  const land = svg('g', { class: 'countries', stroke: opts.border || '#ffffff', 'stroke-width': 0.5 });
  for (const f of countries) {
    const cc = byNumeric.get(Number(f.id));
    const d = path(f);
    if (!d) continue;
    const node = svg('path', { d });
    if (cc) paint(node, cc);
    else {
      node.setAttribute('class', 'country');
      node.setAttribute('fill', opts.land || '#dfe3e8');
      node.append(svg('title', null, document.createTextNode(f.properties.name)));
    }
    land.append(node);
  }
  root.append(land);
  // Small countries: a dot, drawn only when it has a value (a map of every
  // microstate as dots is noise).
  const dots = svg('g', { class: 'dots' });
  for (const [cc, value] of want) {
    if (placed.has(cc) || !DOTS[cc] || value === undefined || value === null || value === false) continue;
    const [x, y] = projection(DOTS[cc]);
    const node = svg('circle', { cx: x.toFixed(1), cy: y.toFixed(1), r: Math.max(3, width / 220) });
    paint(node, cc);
    dots.append(node);
  }
  root.append(dots);
  root.setAttribute('data-unplaced', [...want.keys()].filter((cc) => !placed.has(cc)).join(','));
  el.replaceChildren(root);
  return root;
}

/**
 * The filled countries as a list of names under a map: [{cc, name, value}]
 * sorted by `opts.order` (default: value, largest first, then name).
 */
export function mapLegend(values, { format = (v) => (typeof v === 'number' ? v.toLocaleString('en-US') : ''), testid = 'map-legend' } = {}) {
  const rows = Object.entries(values || {})
    .filter(([, v]) => v !== undefined && v !== null && v !== false)
    .map(([cc, value]) => ({ cc: cc.toLowerCase(), name: countryName(cc), value }))
    .sort((a, b) => (typeof b.value === 'number' && typeof a.value === 'number' ? b.value - a.value : 0) || a.name.localeCompare(b.name));
  return h(
    'ul',
    { class: 'map-legend', 'data-testid': testid },
    rows.map((r) => h('li', { 'data-cc': r.cc }, h('span', { class: 'name' }, r.name), format(r.value) ? h('span', { class: 'meta' }, ` ${format(r.value)}`) : null)),
  );
}

package calendar

import (
	"strconv"
	"strings"
)

// windowsDisplayNames are the display names Windows gives its standard
// time zones ("(UTC-05:00) Eastern Time (US & Canada)"), which Outlook Web
// Access and Exchange 2010 write as TZID, with the zone's Windows ID
// (mapped to IANA by windowsZones). They follow Microsoft's list of the
// default Windows time zones, with the spellings of earlier Windows and
// Exchange versions where they differ ("(UTC-04:30) Caracas", "(UTC)
// Dublin, Edinburgh, Lisbon, London", "(GMT-05:00) ..." reads the same as
// "(UTC-05:00) ...").
var windowsDisplayNames = [][2]string{
	{"(UTC-12:00) International Date Line West", "Dateline Standard Time"},
	{"(UTC-11:00) Coordinated Universal Time-11", "UTC-11"},
	{"(UTC-10:00) Aleutian Islands", "Aleutian Standard Time"},
	{"(UTC-10:00) Hawaii", "Hawaiian Standard Time"},
	{"(UTC-09:30) Marquesas Islands", "Marquesas Standard Time"},
	{"(UTC-09:00) Alaska", "Alaskan Standard Time"},
	{"(UTC-09:00) Coordinated Universal Time-09", "UTC-09"},
	{"(UTC-08:00) Baja California", "Pacific Standard Time (Mexico)"},
	{"(UTC-08:00) Coordinated Universal Time-08", "UTC-08"},
	{"(UTC-08:00) Pacific Time (US & Canada)", "Pacific Standard Time"},
	{"(UTC-07:00) Arizona", "US Mountain Standard Time"},
	{"(UTC-07:00) La Paz, Mazatlan", "Mountain Standard Time (Mexico)"},
	{"(UTC-07:00) Chihuahua, La Paz, Mazatlan", "Mountain Standard Time (Mexico)"},
	{"(UTC-07:00) Mountain Time (US & Canada)", "Mountain Standard Time"},
	{"(UTC-07:00) Yukon", "Yukon Standard Time"},
	{"(UTC-06:00) Central America", "Central America Standard Time"},
	{"(UTC-06:00) Central Time (US & Canada)", "Central Standard Time"},
	{"(UTC-06:00) Easter Island", "Easter Island Standard Time"},
	{"(UTC-06:00) Guadalajara, Mexico City, Monterrey", "Central Standard Time (Mexico)"},
	{"(UTC-06:00) Saskatchewan", "Canada Central Standard Time"},
	{"(UTC-05:00) Bogota, Lima, Quito, Rio Branco", "SA Pacific Standard Time"},
	{"(UTC-05:00) Bogota, Lima, Quito", "SA Pacific Standard Time"},
	{"(UTC-05:00) Chetumal", "Eastern Standard Time (Mexico)"},
	{"(UTC-05:00) Eastern Time (US & Canada)", "Eastern Standard Time"},
	{"(UTC-05:00) Haiti", "Haiti Standard Time"},
	{"(UTC-05:00) Havana", "Cuba Standard Time"},
	{"(UTC-05:00) Indiana (East)", "US Eastern Standard Time"},
	{"(UTC-05:00) Turks and Caicos", "Turks And Caicos Standard Time"},
	{"(UTC-04:00) Asuncion", "Paraguay Standard Time"},
	{"(UTC-04:00) Atlantic Time (Canada)", "Atlantic Standard Time"},
	{"(UTC-04:00) Caracas", "Venezuela Standard Time"},
	{"(UTC-04:30) Caracas", "Venezuela Standard Time"},
	{"(UTC-04:00) Cuiaba", "Central Brazilian Standard Time"},
	{"(UTC-04:00) Georgetown, La Paz, Manaus, San Juan", "SA Western Standard Time"},
	{"(UTC-04:00) Santiago", "Pacific SA Standard Time"},
	{"(UTC-03:30) Newfoundland", "Newfoundland Standard Time"},
	{"(UTC-03:00) Araguaina", "Tocantins Standard Time"},
	{"(UTC-03:00) Brasilia", "E. South America Standard Time"},
	{"(UTC-03:00) Cayenne, Fortaleza", "SA Eastern Standard Time"},
	{"(UTC-03:00) City of Buenos Aires", "Argentina Standard Time"},
	{"(UTC-03:00) Buenos Aires", "Argentina Standard Time"},
	{"(UTC-03:00) Greenland", "Greenland Standard Time"},
	{"(UTC-02:00) Greenland", "Greenland Standard Time"},
	{"(UTC-03:00) Montevideo", "Montevideo Standard Time"},
	{"(UTC-03:00) Punta Arenas", "Magallanes Standard Time"},
	{"(UTC-03:00) Saint Pierre and Miquelon", "Saint Pierre Standard Time"},
	{"(UTC-03:00) Salvador", "Bahia Standard Time"},
	{"(UTC-02:00) Coordinated Universal Time-02", "UTC-02"},
	{"(UTC-02:00) Mid-Atlantic - Old", "Mid-Atlantic Standard Time"},
	{"(UTC-02:00) Mid-Atlantic", "Mid-Atlantic Standard Time"},
	{"(UTC-01:00) Azores", "Azores Standard Time"},
	{"(UTC-01:00) Cabo Verde Is.", "Cape Verde Standard Time"},
	{"(UTC-01:00) Cape Verde Is.", "Cape Verde Standard Time"},
	{"(UTC) Coordinated Universal Time", "UTC"},
	{"(UTC+00:00) Dublin, Edinburgh, Lisbon, London", "GMT Standard Time"},
	{"(UTC+00:00) Monrovia, Reykjavik", "Greenwich Standard Time"},
	{"(UTC+00:00) Sao Tome", "Sao Tome Standard Time"},
	{"(UTC+01:00) Casablanca", "Morocco Standard Time"},
	{"(UTC) Casablanca", "Morocco Standard Time"},
	{"(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", "W. Europe Standard Time"},
	{"(UTC+01:00) Belgrade, Bratislava, Budapest, Ljubljana, Prague", "Central Europe Standard Time"},
	{"(UTC+01:00) Brussels, Copenhagen, Madrid, Paris", "Romance Standard Time"},
	{"(UTC+01:00) Sarajevo, Skopje, Warsaw, Zagreb", "Central European Standard Time"},
	{"(UTC+01:00) West Central Africa", "W. Central Africa Standard Time"},
	{"(UTC+02:00) Athens, Bucharest", "GTB Standard Time"},
	{"(UTC+02:00) Beirut", "Middle East Standard Time"},
	{"(UTC+02:00) Cairo", "Egypt Standard Time"},
	{"(UTC+02:00) Chisinau", "E. Europe Standard Time"},
	{"(UTC+02:00) E. Europe", "E. Europe Standard Time"},
	{"(UTC+02:00) Gaza, Hebron", "West Bank Standard Time"},
	{"(UTC+02:00) Harare, Pretoria", "South Africa Standard Time"},
	{"(UTC+02:00) Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius", "FLE Standard Time"},
	{"(UTC+02:00) Helsinki, Kiev, Riga, Sofia, Tallinn, Vilnius", "FLE Standard Time"},
	{"(UTC+02:00) Jerusalem", "Israel Standard Time"},
	{"(UTC+02:00) Juba", "South Sudan Standard Time"},
	{"(UTC+02:00) Kaliningrad", "Kaliningrad Standard Time"},
	{"(UTC+02:00) Khartoum", "Sudan Standard Time"},
	{"(UTC+02:00) Tripoli", "Libya Standard Time"},
	{"(UTC+02:00) Windhoek", "Namibia Standard Time"},
	{"(UTC+03:00) Amman", "Jordan Standard Time"},
	{"(UTC+02:00) Amman", "Jordan Standard Time"},
	{"(UTC+03:00) Baghdad", "Arabic Standard Time"},
	{"(UTC+03:00) Damascus", "Syria Standard Time"},
	{"(UTC+02:00) Damascus", "Syria Standard Time"},
	{"(UTC+03:00) Istanbul", "Turkey Standard Time"},
	{"(UTC+02:00) Istanbul", "Turkey Standard Time"},
	{"(UTC+03:00) Kuwait, Riyadh", "Arab Standard Time"},
	{"(UTC+03:00) Minsk", "Belarus Standard Time"},
	{"(UTC+03:00) Moscow, St. Petersburg", "Russian Standard Time"},
	{"(UTC+03:00) Moscow, St. Petersburg, Volgograd", "Russian Standard Time"},
	{"(UTC+04:00) Moscow, St. Petersburg, Volgograd", "Russian Standard Time"},
	{"(UTC+03:00) Nairobi", "E. Africa Standard Time"},
	{"(UTC+03:00) Volgograd", "Volgograd Standard Time"},
	{"(UTC+04:00) Volgograd", "Volgograd Standard Time"},
	{"(UTC+03:30) Tehran", "Iran Standard Time"},
	{"(UTC+04:00) Abu Dhabi, Muscat", "Arabian Standard Time"},
	{"(UTC+04:00) Astrakhan, Ulyanovsk", "Astrakhan Standard Time"},
	{"(UTC+04:00) Baku", "Azerbaijan Standard Time"},
	{"(UTC+04:00) Izhevsk, Samara", "Russia Time Zone 3"},
	{"(UTC+04:00) Port Louis", "Mauritius Standard Time"},
	{"(UTC+04:00) Saratov", "Saratov Standard Time"},
	{"(UTC+04:00) Tbilisi", "Georgian Standard Time"},
	{"(UTC+04:00) Yerevan", "Caucasus Standard Time"},
	{"(UTC+04:30) Kabul", "Afghanistan Standard Time"},
	{"(UTC+05:00) Ashgabat, Tashkent", "West Asia Standard Time"},
	{"(UTC+05:00) Ekaterinburg", "Ekaterinburg Standard Time"},
	{"(UTC+05:00) Islamabad, Karachi", "Pakistan Standard Time"},
	{"(UTC+05:00) Qyzylorda", "Qyzylorda Standard Time"},
	{"(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi", "India Standard Time"},
	{"(UTC+05:30) Sri Jayawardenepura", "Sri Lanka Standard Time"},
	{"(UTC+05:45) Kathmandu", "Nepal Standard Time"},
	{"(UTC+06:00) Astana", "Central Asia Standard Time"},
	{"(UTC+06:00) Bishkek", "Central Asia Standard Time"},
	{"(UTC+06:00) Dhaka", "Bangladesh Standard Time"},
	{"(UTC+06:00) Omsk", "Omsk Standard Time"},
	{"(UTC+06:30) Yangon (Rangoon)", "Myanmar Standard Time"},
	{"(UTC+07:00) Bangkok, Hanoi, Jakarta", "SE Asia Standard Time"},
	{"(UTC+07:00) Barnaul, Gorno-Altaysk", "Altai Standard Time"},
	{"(UTC+07:00) Hovd", "W. Mongolia Standard Time"},
	{"(UTC+07:00) Krasnoyarsk", "North Asia Standard Time"},
	{"(UTC+07:00) Novosibirsk", "N. Central Asia Standard Time"},
	{"(UTC+06:00) Novosibirsk", "N. Central Asia Standard Time"},
	{"(UTC+07:00) Tomsk", "Tomsk Standard Time"},
	{"(UTC+08:00) Beijing, Chongqing, Hong Kong, Urumqi", "China Standard Time"},
	{"(UTC+08:00) Irkutsk", "North Asia East Standard Time"},
	{"(UTC+08:00) Kuala Lumpur, Singapore", "Singapore Standard Time"},
	{"(UTC+08:00) Perth", "W. Australia Standard Time"},
	{"(UTC+08:00) Taipei", "Taipei Standard Time"},
	{"(UTC+08:00) Ulaanbaatar", "Ulaanbaatar Standard Time"},
	{"(UTC+08:45) Eucla", "Aus Central W. Standard Time"},
	{"(UTC+09:00) Chita", "Transbaikal Standard Time"},
	{"(UTC+09:00) Osaka, Sapporo, Tokyo", "Tokyo Standard Time"},
	{"(UTC+09:00) Pyongyang", "North Korea Standard Time"},
	{"(UTC+09:00) Seoul", "Korea Standard Time"},
	{"(UTC+09:00) Yakutsk", "Yakutsk Standard Time"},
	{"(UTC+09:30) Adelaide", "Cen. Australia Standard Time"},
	{"(UTC+09:30) Darwin", "AUS Central Standard Time"},
	{"(UTC+10:00) Brisbane", "E. Australia Standard Time"},
	{"(UTC+10:00) Canberra, Melbourne, Sydney", "AUS Eastern Standard Time"},
	{"(UTC+10:00) Guam, Port Moresby", "West Pacific Standard Time"},
	{"(UTC+10:00) Hobart", "Tasmania Standard Time"},
	{"(UTC+10:00) Vladivostok", "Vladivostok Standard Time"},
	{"(UTC+10:30) Lord Howe Island", "Lord Howe Standard Time"},
	{"(UTC+11:00) Bougainville Island", "Bougainville Standard Time"},
	{"(UTC+11:00) Chokurdakh", "Russia Time Zone 10"},
	{"(UTC+11:00) Magadan", "Magadan Standard Time"},
	{"(UTC+11:00) Norfolk Island", "Norfolk Standard Time"},
	{"(UTC+11:00) Sakhalin", "Sakhalin Standard Time"},
	{"(UTC+11:00) Solomon Is., New Caledonia", "Central Pacific Standard Time"},
	{"(UTC+12:00) Anadyr, Petropavlovsk-Kamchatsky", "Russia Time Zone 11"},
	{"(UTC+12:00) Auckland, Wellington", "New Zealand Standard Time"},
	{"(UTC+12:00) Coordinated Universal Time+12", "UTC+12"},
	{"(UTC+12:00) Fiji", "Fiji Standard Time"},
	{"(UTC+12:00) Petropavlovsk-Kamchatsky - Old", "Kamchatka Standard Time"},
	{"(UTC+12:45) Chatham Islands", "Chatham Islands Standard Time"},
	{"(UTC+13:00) Coordinated Universal Time+13", "UTC+13"},
	{"(UTC+13:00) Nuku'alofa", "Tonga Standard Time"},
	{"(UTC+13:00) Samoa", "Samoa Standard Time"},
	{"(UTC+14:00) Kiritimati Island", "Line Islands Standard Time"},
}

// displayIndex finds a Windows ID by display name: the whole label with
// its offset, the whole label, then each of its places ("Berlin" in
// "(UTC+01:00) Amsterdam, Berlin, ..."), with the offset and without; a
// key that names two zones is left out.
var displayIndex = func() map[string]string {
	m := map[string]string{}
	put := func(k, id string) {
		if old, ok := m[k]; ok && old != id {
			m[k] = "" // ambiguous
			return
		}
		m[k] = id
	}
	for _, e := range windowsDisplayNames {
		off, _, text := splitLabel(e[0])
		o := labelOffsetText(off)
		put("="+o+" "+text, e[1])
		put("="+text, e[1])
		for _, place := range labelPlaces(text) {
			put(o+" "+place, e[1])
			put(place, e[1])
		}
	}
	return m
}()

// windowsDisplayZone returns the Windows ID a display name stands for.
func windowsDisplayZone(label string) (string, bool) {
	off, ok, text := splitLabel(label)
	if !ok || text == "" {
		return "", false
	}
	o := labelOffsetText(off)
	for _, k := range []string{"=" + o + " " + text, "=" + text} {
		if id := displayIndex[k]; id != "" {
			return id, true
		}
	}
	for _, place := range labelPlaces(text) {
		for _, k := range []string{o + " " + place, place} {
			if id := displayIndex[k]; id != "" {
				return id, true
			}
		}
	}
	return "", false
}

// labelOffset is the UTC offset (seconds) a display name starts with.
func labelOffset(label string) (int, bool) {
	off, ok, _ := splitLabel(label)
	return off, ok
}

// splitLabel reads "(UTC-05:00) Eastern Time", "(GMT+01.00) Amsterdam",
// "GMT -0500 (Standard)" or "(UTC) Coordinated Universal Time" as an offset in seconds and the rest,
// lower case with single spaces; ok is false when label does not start
// with such an offset.
func splitLabel(label string) (off int, ok bool, text string) {
	s := strings.TrimSpace(label)
	paren := strings.HasPrefix(s, "(")
	s = strings.TrimPrefix(s, "(")
	if len(s) < 3 || !(strings.EqualFold(s[:3], "UTC") || strings.EqualFold(s[:3], "GMT")) {
		return 0, false, ""
	}
	s = s[3:]
	if t := strings.TrimLeft(s, " "); len(t) > 0 && (t[0] == '+' || t[0] == '-') {
		s = t // "GMT -0500"
	}
	if len(s) > 0 && (s[0] == '+' || s[0] == '-') {
		sign := 1
		if s[0] == '-' {
			sign = -1
		}
		s = s[1:]
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		digits := s[:i]
		s = s[i:]
		m := 0
		if len(digits) == 4 { // -0500
			digits, s = digits[:2], digits[2:]+s
			s = ":" + s
		}
		h, err := strconv.Atoi(digits)
		if err != nil || len(digits) > 2 || h > 14 {
			return 0, false, ""
		}
		if len(s) >= 3 && (s[0] == ':' || s[0] == '.') {
			if m, err = strconv.Atoi(s[1:3]); err != nil || m > 59 {
				return 0, false, ""
			}
			s = s[3:]
		}
		off = sign * (h*3600 + m*60)
	}
	if paren {
		if !strings.HasPrefix(s, ")") {
			return 0, false, ""
		}
		s = s[1:]
	} else if s != "" && s[0] != ' ' {
		return 0, false, ""
	}
	text = strings.Join(strings.Fields(strings.ToLower(strings.ReplaceAll(s, "&amp;", "&"))), " ")
	return off, true, text
}

// labelPlaces splits the text of a display name into the places it lists
// (commas, slashes and Windows XP's "Greenwich Mean Time : Dublin").
func labelPlaces(text string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == '/' || r == ':' || r == ';' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

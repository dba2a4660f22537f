package alert_test

import (
	"fmt"

	"dev.remotecto/remotecto/alert"
)

func ExampleTelURL() {
	for _, phone := range []string{"+351 912 345 678", "0047 22 12 34 56", "+44 (0)20 7946 0000", "+1 (212) 555-0100 x42"} {
		u, err := alert.TelURL(phone)
		fmt.Println(u, err)
	}
	// Output:
	// tel:+351912345678 <nil>
	// tel:+4722123456 <nil>
	// tel:+442079460000 <nil>
	// tel:+12125550100;ext=42 <nil>
}

func ExampleMailtoURL() {
	fmt.Println(alert.MailtoURL([]string{"ana@example.com", "bo+oncall@example.com"}, "Emergency: DB down", "Join the incident room.\nThanks"))
	// Output: mailto:ana@example.com,bo%2Boncall@example.com?subject=Emergency%3A%20DB%20down&body=Join%20the%20incident%20room.%0D%0AThanks
}

func ExampleWebhook_Redacted() {
	h := alert.Webhook{Name: "ops", Service: alert.Slack, URL: "https://hooks.slack.com/services/T0001/B0002/abcdefghijklmnopqrstuvwx"}
	fmt.Println(h.Redacted())
	fmt.Printf("%v\n", h) // formatting verbs print the redacted form too
	// Output:
	// https://hooks.slack.com/…uvwx
	// Slack webhook "ops" (https://hooks.slack.com/…uvwx)
}

package assets

import (
	"bytes"
	"image/png"
	"testing"
)

func TestOnCallIconIsTheIconWithARedDot(t *testing.T) {
	icon, err := png.Decode(bytes.NewReader(IconPNG))
	if err != nil {
		t.Fatal(err)
	}
	oncall, err := png.Decode(bytes.NewReader(OnCallIconPNG()))
	if err != nil {
		t.Fatalf("on-call icon is not a PNG: %v", err)
	}
	if oncall.Bounds() != icon.Bounds() {
		t.Fatalf("on-call icon is %v; want %v like the icon", oncall.Bounds(), icon.Bounds())
	}
	w := icon.Bounds().Dx()
	r, g, b, _ := oncall.At(w*76/100, w*24/100).RGBA()
	if r>>8 < 200 || g>>8 > 60 || b>>8 > 60 {
		t.Errorf("dot centre is rgb(%d,%d,%d); want red", r>>8, g>>8, b>>8)
	}
	// Away from the dot the two icons are the same.
	r1, g1, b1, a1 := icon.At(w/4, w*3/4).RGBA()
	r2, g2, b2, a2 := oncall.At(w/4, w*3/4).RGBA()
	if r1>>8 != r2>>8 || g1>>8 != g2>>8 || b1>>8 != b2>>8 || a1>>8 != a2>>8 {
		t.Errorf("bottom left differs: %v vs %v", icon.At(w/4, w*3/4), oncall.At(w/4, w*3/4))
	}
}

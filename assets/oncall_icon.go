package assets

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"sync"
)

// OnCallIconPNG returns the tray icon shown while I am on call: the app icon
// with a red dot in a white ring at its top right, drawn from IconPNG so the
// two never drift apart. The dot is large because trays draw icons at 16 to
// 32 pixels.
var OnCallIconPNG = sync.OnceValue(func() []byte {
	src, err := png.Decode(bytes.NewReader(IconPNG))
	if err != nil {
		return IconPNG
	}
	b := src.Bounds()
	img := image.NewNRGBA(b)
	draw.Draw(img, b, src, b.Min, draw.Src)
	size := float64(b.Dx())
	cx, cy := float64(b.Min.X)+size*0.76, float64(b.Min.Y)+size*0.24
	ring, dot := size*0.235, size*0.19
	white := color.NRGBA{255, 255, 255, 255}
	red := color.NRGBA{0xe5, 0x1c, 0x23, 255}
	paintDisc(img, cx, cy, ring, white)
	paintDisc(img, cx, cy, dot, red)
	var out bytes.Buffer
	if err := png.Encode(&out, img); err != nil {
		return IconPNG
	}
	return out.Bytes()
})

// paintDisc paints a disc of colour c over img, its edge smoothed by 4×4
// samples a pixel.
func paintDisc(img *image.NRGBA, cx, cy, r float64, c color.NRGBA) {
	const n = 4
	b := img.Bounds().Intersect(image.Rect(int(cx-r)-1, int(cy-r)-1, int(cx+r)+2, int(cy+r)+2))
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			in := 0
			for sy := 0; sy < n; sy++ {
				for sx := 0; sx < n; sx++ {
					dx := float64(x) + (float64(sx)+0.5)/n - cx
					dy := float64(y) + (float64(sy)+0.5)/n - cy
					if math.Hypot(dx, dy) <= r {
						in++
					}
				}
			}
			if in == 0 {
				continue
			}
			// Source over destination, in non-premultiplied colour.
			a := float64(in) / (n * n)
			p := img.NRGBAAt(x, y)
			da := float64(p.A) / 255
			oa := a + da*(1-a)
			mix := func(d, s uint8) uint8 { return uint8((float64(s)*a+float64(d)*da*(1-a))/oa + 0.5) }
			p.R, p.G, p.B, p.A = mix(p.R, c.R), mix(p.G, c.G), mix(p.B, c.B), uint8(oa*255+0.5)
			img.SetNRGBA(x, y, p)
		}
	}
}

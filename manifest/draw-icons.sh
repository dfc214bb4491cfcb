#!/usr/bin/env bash
# Draws the app icons with ImageMagick (apt-get install imagemagick): color.png, 192x192 full colour, and
# outline.png, 32x32 white on transparent. Usage: bash manifest/draw-icons.sh [output folder, default manifest/]
set -euo pipefail
out=${1:-$(dirname "$0")}
# Rocket in a 100-unit space, nose up, centred near (0,0); rotated 45 degrees to fly up-right.
body="M 0,-38 C 13,-27 15,-12 15,4 L 15,20 L -15,20 L -15,4 C -15,-12 -13,-27 0,-38 Z"
window="M 6.5,-10 A 6.5,6.5 0 1,0 -6.5,-10 A 6.5,6.5 0 1,0 6.5,-10 Z"
finL="M -15,0 L -27,16 L -27,28 L -15,20 Z"
finR="M 15,0 L 27,16 L 27,28 L 15,20 Z"
flame="M -9,24 L 9,24 C 9,32 4,38 0,46 C -4,38 -9,32 -9,24 Z"

# color.png: white rocket on the accent colour, drawn 8x larger and scaled down for smooth edges.
convert -size 1536x1536 xc:'#2F5BD3' \
  -draw "push graphic-context translate 808,728 rotate 45 scale 13.5,13.5 translate 0,-4
         fill '#FF8A3D' path '$finL' path '$finR'
         fill '#FFC53D' path '$flame'
         fill white path '$body'
         fill '#2F5BD3' path '$window'
         fill '#9FC3FF' path 'M 4,-10 A 4,4 0 1,0 -4,-10 A 4,4 0 1,0 4,-10 Z'
         pop graphic-context" \
  -resize 192x192 -strip "PNG32:$out/color.png"

# outline.png: the same rocket in white on transparent; the window is a hole.
convert -size 256x256 xc:none \
  -draw "push graphic-context translate 136,120 rotate 45 scale 2.9,2.9 translate 0,-4
         fill white fill-rule evenodd path '$body $window'
         path '$finL' path '$finR' path '$flame'
         pop graphic-context" \
  -resize 32x32 -strip "PNG32:$out/outline.png"
